namespace Tally.Ledger.Stores;

/// <summary>
/// Something one vote of a batch brought on itself (a value the database will not store, a constraint it breaks, a
/// deadlock it lost) broke the batch's transaction: nothing was committed, and the votes are to be retried one by one so
/// a single bad vote cannot fail its neighbours. Which database errors mean this is each backend's call.
/// </summary>
public sealed class VoteBatchRefusedException(Exception cause) : Exception("The ledger refused the batch; retry its votes one by one.", cause);
