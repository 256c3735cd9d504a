namespace Tally.Server.Limits;

/// <summary>Endpoint metadata naming the limits that apply; <c>.Limited(action)</c> adds it.</summary>
public sealed record LimitedBy(LimitedAction Action);
