using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Tally.Views.Progress;

namespace Tally.Views.Memory;

/// <summary>
/// One file holding the memory views at one checkpoint: a magic and format version, the body's length, the body (the
/// <see cref="ViewsStamp"/>, then each view's name and image), and the SHA-256 of the body, so that a damaged, cut or
/// foreign file is told apart from a snapshot. Written to a temporary file that replaces the old one only when complete.
/// </summary>
internal sealed class MemorySnapshotFile(string path)
{
    private const int FormatVersion = 3;
    private const int HeaderLength = 8 + 4 + 8;
    private const int HashLength = 32;
    private const int BufferSize = 1 << 20;

    private static ReadOnlySpan<byte> Magic => "TALLYMVS"u8;

    public string Path => path;

    /// <returns>The file's length.</returns>
    public long Write(ViewsStamp stamp, IReadOnlyList<MemoryViewImage> images)
    {
        var temporary = path + ".tmp";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        long length;
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            Span<byte> header = stackalloc byte[HeaderLength];
            file.Write(header);
            using var body = new SnapshotBodyWriter(file);
            using var buffered = new BufferedStream(body, BufferSize);
            using var writer = new BinaryWriter(buffered, Encoding.UTF8, leaveOpen: true);
            writer.WriteGuid(stamp.Generation);
            writer.WriteGuid(stamp.LedgerId);
            writer.Write(stamp.Checkpoint);
            writer.Write(stamp.CheckpointHash);
            writer.Write(images.Count);
            foreach (var image in images)
            {
                writer.Write(image.Name);
                image.WriteTo(writer);
            }
            writer.Flush();
            buffered.Flush();
            file.Write(body.Hash());
            Magic.CopyTo(header);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], FormatVersion);
            BinaryPrimitives.WriteInt64LittleEndian(header[12..], body.Length);
            file.Position = 0;
            file.Write(header);
            file.Flush(flushToDisk: true);
            length = file.Length;
        }
        File.Move(temporary, path, overwrite: true);
        return length;
    }

    /// <summary>
    /// The stamp and a loaded copy of each of <paramref name="views"/> (not yet live), or null when there is no file.
    /// Throws <see cref="InvalidDataException"/> (or another reading error) when the file is not a whole snapshot of these views.
    /// </summary>
    public (ViewsStamp Stamp, MemoryProjection[] Loaded)? Read(IReadOnlyList<MemoryProjection> views)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        Span<byte> header = stackalloc byte[HeaderLength];
        file.ReadExactly(header);
        if (!header[..8].SequenceEqual(Magic) || BinaryPrimitives.ReadInt32LittleEndian(header[8..]) != FormatVersion)
        {
            throw new InvalidDataException("not a memory views snapshot of this format");
        }
        var length = BinaryPrimitives.ReadInt64LittleEndian(header[12..]);
        if (length != file.Length - HeaderLength - HashLength)
        {
            throw new InvalidDataException($"the body should be {length} bytes, the file holds {file.Length - HeaderLength - HashLength}");
        }
        using var body = new SnapshotBodyReader(file, length);
        using var reader = new BinaryReader(body, Encoding.UTF8, leaveOpen: true);
        var stamp = new ViewsStamp(reader.ReadGuid(), reader.ReadGuid(), reader.ReadInt64(), reader.ReadString());
        if (reader.ReadInt32() != views.Count)
        {
            throw new InvalidDataException("it holds other views");
        }
        var loaded = new MemoryProjection[views.Count];
        for (var i = 0; i < loaded.Length; i++)
        {
            var name = reader.ReadString();
            var at = IndexOf(views, name);
            if (at < 0 || loaded[at] is not null)
            {
                throw new InvalidDataException($"it holds a view {name} twice or one this node does not have");
            }
            loaded[at] = views[at].LoadImage(reader, stamp.Checkpoint);
        }
        var hash = body.Hash();
        Span<byte> stored = stackalloc byte[HashLength];
        file.ReadExactly(stored);
        return CryptographicOperations.FixedTimeEquals(hash, stored) ? (stamp, loaded) : throw new InvalidDataException("its checksum does not match");
    }

    public void Delete() => File.Delete(path);

    private static int IndexOf(IReadOnlyList<MemoryProjection> views, string name)
    {
        for (var i = 0; i < views.Count; i++)
        {
            if (views[i].Name == name)
            {
                return i;
            }
        }
        return -1;
    }
}
