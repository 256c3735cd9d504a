namespace Tally.Server.Limits;

/// <summary>What an endpoint does, as far as the limits care.</summary>
public enum LimitedAction
{
    Vote,
    CreatePoll,
    Search,
    Register,
    Login,
    LiveStream,
}
