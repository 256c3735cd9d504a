using System.Text.Json.Serialization;

namespace Tally.Bench.Naive;

/// <summary>How a poll's options and regions are stored in their row.</summary>
[JsonSerializable(typeof(string[]))]
public sealed partial class NaiveJson : JsonSerializerContext;
