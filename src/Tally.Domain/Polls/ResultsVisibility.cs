using System.Text.Json.Serialization;
using Tally.Domain.Json;

namespace Tally.Domain.Polls;

/// <summary>Who may see a poll's tallies, and when.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ResultsVisibility>))]
public enum ResultsVisibility
{
    Live,
    AfterVote,
    AfterClose,
    Never,
}
