using Tally.Domain.Polls;

namespace Tally.Views.Memory;

/// <summary>
/// How the fields of a memory view's snapshot image are written and read back. Reading checks what it can (a count can
/// never promise more items than bytes are left), so a damaged image fails to read instead of allocating at random.
/// </summary>
internal static class ImageFields
{
    public static void WriteGuid(this BinaryWriter writer, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        writer.Write(bytes);
    }

    public static Guid ReadGuid(this BinaryReader reader)
    {
        Span<byte> bytes = stackalloc byte[16];
        reader.BaseStream.ReadExactly(bytes);
        return new Guid(bytes);
    }

    public static void WriteTime(this BinaryWriter writer, DateTimeOffset value)
    {
        writer.Write(value.UtcTicks);
        writer.Write((short)value.Offset.TotalMinutes);
    }

    public static DateTimeOffset ReadTime(this BinaryReader reader)
    {
        var utcTicks = reader.ReadInt64();
        var offset = TimeSpan.FromMinutes(reader.ReadInt16());
        return new DateTimeOffset(utcTicks + offset.Ticks, offset);
    }

    public static void WriteOptionalTime(this BinaryWriter writer, DateTimeOffset? value)
    {
        writer.Write(value.HasValue);
        if (value is { } time)
        {
            writer.WriteTime(time);
        }
    }

    public static DateTimeOffset? ReadOptionalTime(this BinaryReader reader) => reader.ReadBoolean() ? reader.ReadTime() : null;

    public static void WriteOptionalString(this BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    public static string? ReadOptionalString(this BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    /// <summary>A count of items that follow, each at least one byte long.</summary>
    public static int ReadCount(this BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var left = reader.BaseStream.Length - reader.BaseStream.Position;
        return count < 0 || count > left ? throw new InvalidDataException($"A count of {count} with {left} bytes left.") : count;
    }

    public static void WriteCounts(this BinaryWriter writer, IReadOnlyList<long> votes)
    {
        writer.Write(votes.Count);
        foreach (var count in votes)
        {
            writer.Write(count);
        }
    }

    public static long[] ReadCounts(this BinaryReader reader)
    {
        var votes = new long[reader.ReadCount()];
        for (var i = 0; i < votes.Length; i++)
        {
            votes[i] = reader.ReadInt64();
        }
        return votes;
    }

    public static void WriteOptions(this BinaryWriter writer, IReadOnlyList<PollOption> options)
    {
        writer.Write(options.Count);
        foreach (var option in options)
        {
            writer.Write(option.Id);
            writer.Write(option.Text);
        }
    }

    public static PollOption[] ReadOptions(this BinaryReader reader)
    {
        var options = new PollOption[reader.ReadCount()];
        for (var i = 0; i < options.Length; i++)
        {
            options[i] = new PollOption(reader.ReadInt32(), reader.ReadString());
        }
        return options;
    }

    public static void WriteVisibility(this BinaryWriter writer, ResultsVisibility visibility) => writer.Write((int)visibility);

    public static ResultsVisibility ReadVisibility(this BinaryReader reader)
    {
        var visibility = (ResultsVisibility)reader.ReadInt32();
        return Enum.IsDefined(visibility) ? visibility : throw new InvalidDataException($"No results visibility {(int)visibility}.");
    }

    public static void WritePoll(this BinaryWriter writer, Poll poll)
    {
        writer.WriteGuid(poll.Id);
        writer.Write(poll.OwnerId);
        writer.Write(poll.Title);
        writer.WriteOptionalString(poll.Description);
        writer.WriteOptions(poll.Options);
        writer.Write(poll.Regions.Count);
        foreach (var region in poll.Regions)
        {
            writer.Write(region);
        }
        writer.WriteOptionalTime(poll.StartTime);
        writer.WriteOptionalTime(poll.EndTime);
        writer.WriteVisibility(poll.Settings.ResultsVisibility);
        writer.Write(poll.Settings.AllowVoteChange);
        writer.WriteTime(poll.CreatedAt);
        writer.WriteOptionalTime(poll.ClosedAt);
    }

    public static Poll ReadPoll(this BinaryReader reader)
    {
        var id = reader.ReadGuid();
        var ownerId = reader.ReadString();
        var title = reader.ReadString();
        var description = reader.ReadOptionalString();
        var options = reader.ReadOptions();
        var regions = new string[reader.ReadCount()];
        for (var i = 0; i < regions.Length; i++)
        {
            regions[i] = reader.ReadString();
        }
        var start = reader.ReadOptionalTime();
        var end = reader.ReadOptionalTime();
        var settings = new PollSettings(reader.ReadVisibility(), reader.ReadBoolean());
        return new Poll(id, ownerId, title, description, options, regions, start, end, settings, reader.ReadTime(), reader.ReadOptionalTime());
    }
}
