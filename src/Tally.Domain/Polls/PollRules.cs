using Tally.Domain.Errors;
using Tally.Domain.Text;

namespace Tally.Domain.Polls;

/// <summary>Limits on what a poll may contain, checked before anything reaches the ledger.</summary>
public static class PollRules
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MinOptions = 2;
    public const int MaxOptions = 64;
    public const int MaxOptionTextLength = 200;
    public const int MaxRegions = 256;
    public const int MaxRegionLength = 64;

    public static readonly DisplayText Title = new(MaxTitleLength);
    public static readonly DisplayText Description = new(MaxDescriptionLength, AllowsLineBreaks: true);
    public static readonly DisplayText OptionText = new(MaxOptionTextLength);
    public static readonly DisplayText Region = new(MaxRegionLength);

    /// <summary>The draft with every text in its canonical form (see <see cref="DisplayText"/>), or every field that is wrong.</summary>
    /// <param name="now">When the poll is being created: its end must be later.</param>
    public static Outcome<PollDraft> Validate(PollDraft draft, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var title = Read(Title, draft.Title, "A title", "title", errors);
        string? description = null;
        if (draft.Description is not null)
        {
            var read = Description.Read(draft.Description);
            // An empty or invisible description is simply no description.
            if (read.Fault is not TextFault.Required)
            {
                description = Keep(Description, read, "A description", "description", errors);
            }
        }
        var options = ReadDistinct(OptionText, draft.Options, MinOptions, MaxOptions, "Option", "options", errors);
        var regions = ReadDistinct(Region, draft.Regions, 0, MaxRegions, "Region", "regions", errors);
        if (draft.EndTime is { } end)
        {
            if (end <= now)
            {
                errors["end_time"] = ["The end time must be in the future."];
            }
            else if (draft.StartTime is { } start && end <= start)
            {
                errors["end_time"] = ["The end time must be after the start time."];
            }
        }
        if (errors.Count > 0)
        {
            return Rejections.PollInvalid(errors);
        }
        return Outcome<PollDraft>.Ok(draft with { Title = title!, Description = description, Options = options, Regions = regions });
    }

    private static string? Read(DisplayText rule, string? raw, string subject, string field, Dictionary<string, string[]> errors) =>
        Keep(rule, rule.Read(raw), subject, field, errors);

    private static string? Keep(DisplayText rule, TextVerdict verdict, string subject, string field, Dictionary<string, string[]> errors)
    {
        if (verdict.Fault is { } fault)
        {
            errors[field] = [rule.Explain(fault, subject)];
        }
        return verdict.Text;
    }

    /// <summary>Options and regions: a counted list of texts, each canonical, no two the same once canonical.</summary>
    private static string[] ReadDistinct(
        DisplayText rule, IReadOnlyList<string> raw, int min, int max, string noun, string field, Dictionary<string, string[]> errors)
    {
        if (raw.Count < min || raw.Count > max)
        {
            errors[field] = [min == 0 ? $"A poll has at most {max} {field}." : $"A poll has between {min} and {max} {field}."];
            return [];
        }
        var texts = new string[raw.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Length; i++)
        {
            if (Read(rule, raw[i], $"{noun} {i + 1}", field, errors) is not { } text)
            {
                break;
            }
            if (!seen.Add(text))
            {
                errors[field] = [$"{noun} '{text}' appears twice."];
                break;
            }
            texts[i] = text;
        }
        return texts;
    }
}
