using System.Text.Json.Serialization;

namespace Tally.Ledger.Recounts;

[JsonConverter(typeof(JsonStringEnumConverter<RecountView>))]
public enum RecountView
{
    [JsonStringEnumMemberName("results")]
    Results,

    [JsonStringEnumMemberName("heatmap")]
    Heatmap,
}
