using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Tally.Ledger.Sessions;

namespace Tally.Server.Auth;

/// <summary>
/// Data Protection's key repository, kept in the ledger: every node sharing the ledger protects and reads browser
/// sessions' anti-forgery tokens with the same keys, with no folder of its own to share. Data Protection caches the ring
/// and reads it again only now and then.
/// </summary>
public sealed class LedgerKeyRing(ISessionKeyStore store, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => store.ReadAll().Select(key => XElement.Parse(key.Xml)).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        // Nodes starting together on a new ledger may each make a first key. Each is stored under its own name (its key
        // id), and every stored key unprotects, so either node's tokens pass on both: a node that read the ring before the
        // other's key landed reads it again when it meets that key in its first two minutes (Data Protection's own refresh).
        var name = string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        store.Add(new SessionKey(name, element.ToString(SaveOptions.DisableFormatting), clock.GetUtcNow()));
    }
}
