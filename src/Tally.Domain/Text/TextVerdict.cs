namespace Tally.Domain.Text;

/// <summary>What <see cref="DisplayText.Read"/> made of some text: its canonical form, or the fault that refused it.</summary>
public readonly record struct TextVerdict(string? Text, TextFault? Fault)
{
    public static TextVerdict Accepted(string text) => new(text, null);

    public static implicit operator TextVerdict(TextFault fault) => new(null, fault);
}
