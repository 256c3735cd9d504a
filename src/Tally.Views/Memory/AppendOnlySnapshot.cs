namespace Tally.Views.Memory;

/// <summary>The first <see cref="Count"/> items of <see cref="Items"/>, oldest first; never changed after publication.</summary>
internal sealed record AppendOnlySnapshot<T>(T[] Items, int Count);
