using System.Text.Json.Serialization;
using Tally.Domain.Json;

namespace Tally.Domain.Polls;

[JsonConverter(typeof(SnakeCaseEnumConverter<PollStatus>))]
public enum PollStatus
{
    Scheduled,
    Open,
    Closed,
}
