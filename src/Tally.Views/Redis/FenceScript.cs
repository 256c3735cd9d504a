namespace Tally.Views.Redis;

/// <summary>
/// The fencing check every writing script starts with, written once: the writer's epoch is in the local 'epoch' ('' =
/// unfenced), the stored one at KEYS[2]. A higher stored epoch (or the revoked 0) refuses the call before any write; a
/// missing or lower one is raised by <see cref="Raise"/> once the script's other checks passed.
/// </summary>
internal static class FenceScript
{
    // Raw literals drop their last line break: each piece brings its own on both sides, so it joins any script.
    public const string Check = "\n" + """
        local raise = false
        if epoch ~= '' then
          local stored = redis.call('GET', KEYS[2])
          local mine = tonumber(epoch)
          if mine < 1 or (stored and tonumber(stored) > mine) then return {'fenced', stored or ''} end
          raise = stored ~= epoch
        end
        """ + "\n";

    public const string Raise = "\n" + """
        if raise then redis.call('SET', KEYS[2], epoch) end
        """ + "\n";
}
