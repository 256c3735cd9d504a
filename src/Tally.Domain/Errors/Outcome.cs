namespace Tally.Domain.Errors;

/// <summary>A command's result: a value, or the reason it was refused.</summary>
public readonly record struct Outcome<T>(T? Value, Rejection? Rejection)
{
    public bool Succeeded => Rejection is null;

    public static Outcome<T> Ok(T value) => new(value, null);

    public static implicit operator Outcome<T>(Rejection rejection) => new(default, rejection);
}
