namespace Tally.Ledger.Stores;

/// <summary>The <c>ledger_settings</c> row that says stored voter ids use the current encoding (Domain's VoterIds).</summary>
internal static class VoterIdMigrationMarker
{
    public const string Name = "voter_id_encoding";

    public const string Value = "2";
}
