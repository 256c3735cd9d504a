namespace Tally.Ledger.EventLog;

/// <summary>Where both ledgers keep their identity (see <see cref="Stores.IEventLog.ReadLedgerIdAsync"/>).</summary>
internal static class LedgerIdentity
{
    /// <summary>The <c>ledger_settings</c> row holding the id, written once by whoever opens the ledger first.</summary>
    public const string SettingName = "ledger_id";

    /// <summary>A new identity, in the spelling the setting keeps.</summary>
    public static string NewId() => Guid.NewGuid().ToString("D");
}
