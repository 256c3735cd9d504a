namespace Tally.Domain.Errors;

/// <summary>Why a command was refused. A rejected command changes nothing.</summary>
public sealed record Rejection(string Code, string Message, IReadOnlyDictionary<string, string[]>? Errors = null);
