using System.ComponentModel.DataAnnotations;

namespace Tally.Views.Fraud;

/// <summary>Fraud review's projection. Bound from <c>Tally:Fraud</c>; checked at start against its annotations.</summary>
public sealed class FraudOptions
{
    public const string Section = "Tally:Fraud";

    /// <summary>How long after a poll closes (its ClosedAt, else its EndTime) its addresses and user agents are kept.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = Section + ":Retention must be between 1 second and 3650 days.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>An account younger than this when it voted counts into the account-age cluster.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = Section + ":NewAccountAge must be between 1 second and 365 days.")]
    public TimeSpan NewAccountAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the leading node's daemon sweeps for polls past the retention (<see cref="IFraudRetention"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = Section + ":SweepInterval must be between 1 second and 7 days.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether a poll that closes (or closed) at <paramref name="closesAt"/> is past the retention at <paramref name="now"/>.</summary>
    public bool Expired(DateTimeOffset? closesAt, DateTimeOffset now) => closesAt is { } closed && now - closed > Retention;
}
