namespace Tally.Views;

/// <summary>Where the views live: <c>Tally:Views:Provider</c>, <c>memory</c> (the default) or <c>redis</c>, in any case.</summary>
public enum ViewsProvider
{
    /// <summary>This process's memory, rebuilt from the log at every start.</summary>
    Memory,

    /// <summary>Redis, shared by every node and surviving restarts.</summary>
    Redis,
}
