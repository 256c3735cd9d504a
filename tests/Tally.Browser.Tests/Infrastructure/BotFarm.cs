namespace Tally.Browser.Tests.Infrastructure;

/// <summary>
/// A poll with nine ordinary voters, each from an address of their own, and twelve bots voting "Line 7" from one
/// address: the bots form an ip_address cluster for the admin desk. Each option has one ordinary vote from each region.
/// </summary>
public sealed record BotFarm(string PollId)
{
    public const string Question = "Which bus line should run all night?";
    public const string BotAddress = "203.0.113.77";
    public const string BotOption = "Line 7";
    public const int Bots = 12;

    public static readonly string[] Options = ["Line 4", BotOption, "Line 9"];
    public static readonly string[] Regions = ["north", "south", "east"];

    /// <summary>Live votes per option before the bots are retracted, and after.</summary>
    public static readonly long[] WithBots = [3, 15, 3];
    public static readonly long[] WithoutBots = [3, 3, 3];

    public static async Task<BotFarm> SeedAsync(TallySite site)
    {
        var pollId = await site.CreatePollAsync(People.NewUsername("organiser"), Question, Options, Regions);
        for (var i = 0; i < 9; i++)
        {
            await site.CastAsync(pollId, People.NewUsername("rider"), i % 3 + 1, $"{20 + i}.{40 + i}.{60 + i}.{80 + i}", Regions[i / 3]);
        }
        long last = 0;
        for (var i = 0; i < Bots; i++)
        {
            last = await site.CastAsync(pollId, People.NewUsername("bot"), 2, BotAddress, "south");
        }
        // A cluster read before the view holds every bot would be smaller, and so would its retraction.
        await site.AwaitFraudViewAsync(pollId, last);
        return new BotFarm(pollId);
    }
}
