namespace Tally.Ledger.Sessions;

/// <summary>
/// The key ring protecting browser sessions' anti-forgery tokens, kept in the ledger so that every node sharing the
/// ledger shares it. Synchronous, as Data Protection's key repository is; it is read once in a while, written rarely.
/// </summary>
public interface ISessionKeyStore
{
    /// <summary>Every element stored, oldest first.</summary>
    IReadOnlyList<SessionKey> ReadAll();

    /// <summary>Stores <paramref name="key"/> unless an element of that name is already there, which then stands.</summary>
    /// <returns>Whether this one was stored.</returns>
    bool Add(SessionKey key);
}
