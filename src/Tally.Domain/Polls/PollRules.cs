using Tally.Domain.Errors;

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

    public static IReadOnlyDictionary<string, string[]> Validate(PollDraft draft)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            errors["title"] = ["A title is required."];
        }
        else if (draft.Title.Length > MaxTitleLength)
        {
            errors["title"] = [$"A title is at most {MaxTitleLength} characters."];
        }
        if (draft.Description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = [$"A description is at most {MaxDescriptionLength} characters."];
        }
        if (draft.Options.Count is < MinOptions or > MaxOptions)
        {
            errors["options"] = [$"A poll has between {MinOptions} and {MaxOptions} options."];
        }
        else
        {
            var texts = new HashSet<string>(StringComparer.Ordinal);
            foreach (var text in draft.Options)
            {
                if (string.IsNullOrWhiteSpace(text) || text.Length > MaxOptionTextLength)
                {
                    errors["options"] = [$"Each option needs a text of 1 to {MaxOptionTextLength} characters."];
                    break;
                }
                if (!texts.Add(text.Trim()))
                {
                    errors["options"] = [$"Option '{text}' appears twice."];
                    break;
                }
            }
        }
        if (draft.Regions.Count > MaxRegions)
        {
            errors["regions"] = [$"A poll has at most {MaxRegions} regions."];
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var region in draft.Regions)
            {
                if (string.IsNullOrWhiteSpace(region) || region.Length > MaxRegionLength)
                {
                    errors["regions"] = [$"Each region is a name of 1 to {MaxRegionLength} characters."];
                    break;
                }
                if (!seen.Add(region))
                {
                    errors["regions"] = [$"Region '{region}' appears twice."];
                    break;
                }
            }
        }
        if (draft.StartTime is { } start && draft.EndTime is { } end && end <= start)
        {
            errors["end_time"] = ["The end time must be after the start time."];
        }
        return errors;
    }
}

/// <summary>What a poll's creator asks for, before it has an id.</summary>
public sealed record PollDraft(
    string Title,
    string? Description,
    IReadOnlyList<string> Options,
    IReadOnlyList<string> Regions,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    PollSettings Settings);
