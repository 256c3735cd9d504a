namespace Tally.Views;

/// <summary>
/// The view store no longer holds the generation this node writes (flushed, or replaced by a rebuild elsewhere): the
/// write was refused and the views must be checked and rebuilt before they are served as current.
/// </summary>
public sealed class ViewsLostException(string message) : Exception(message);
