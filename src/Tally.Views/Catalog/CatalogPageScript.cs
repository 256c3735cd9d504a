using StackExchange.Redis;

namespace Tally.Views.Catalog;

/// <summary>
/// One page of the catalogue, newest first, and the total, read in one atomic step: from one sorted set (every poll, or
/// one word prefix) a rank slice; from several, their intersection. The intersection walks the smallest set newest first
/// in chunks, checks the others with ZMSCORE, and stops once the page is full; its total is ZINTERCARD's. A search word
/// longer than the indexed prefix is checked against the stored long words, which needs the whole walk for the total.
/// </summary>
internal static class CatalogPageScript
{
    // KEYS[1] the long-words hash, KEYS[2..] the sorted sets. ARGV: skip, take, then the long search words.
    private const string Source = """
        local skip, take = tonumber(ARGV[1]), tonumber(ARGV[2])
        local sets = {}
        for i = 2, #KEYS do
          local size = redis.call('ZCARD', KEYS[i])
          if size == 0 then return {0, {}} end
          sets[#sets + 1] = {KEYS[i], size}
        end
        table.sort(sets, function(a, b) return a[2] < b[2] end)
        local long = {}
        for i = 3, #ARGV do long[#long + 1] = ' ' .. ARGV[i] end
        local first = sets[1][1]
        if #sets == 1 and #long == 0 then
          if skip >= sets[1][2] or take == 0 then return {sets[1][2], {}} end
          return {sets[1][2], redis.call('ZRANGE', first, skip, skip + take - 1, 'REV')}
        end
        local total = -1
        if #long == 0 then
          local keys = {}
          for i, set in ipairs(sets) do keys[i] = set[1] end
          total = redis.call('ZINTERCARD', #keys, unpack(keys))
          if skip >= total or take == 0 then return {total, {}} end
        end
        local page, matched, start = {}, 0, 0
        while total < 0 or #page < take do
          local members = redis.call('ZRANGE', first, start, start + 255, 'REV')
          if #members == 0 then break end
          local keep = {}
          for i = 1, #members do keep[i] = true end
          for s = 2, #sets do
            local scores = redis.call('ZMSCORE', sets[s][1], unpack(members))
            for i = 1, #members do
              if not scores[i] then keep[i] = false end
            end
          end
          if #long > 0 then
            local words = redis.call('HMGET', KEYS[1], unpack(members))
            for i = 1, #members do
              for _, word in ipairs(long) do
                if keep[i] and not (words[i] and string.find(words[i], word, 1, true)) then keep[i] = false end
              end
            end
          end
          for i = 1, #members do
            if keep[i] then
              if matched >= skip and #page < take then page[#page + 1] = members[i] end
              matched = matched + 1
            end
          end
          start = start + 256
        end
        if total < 0 then total = matched end
        return {total, page}
        """;

    public static async Task<(RedisValue[] Members, long Total)> RunAsync(
        IDatabaseAsync database, RedisKey longWords, IReadOnlyList<RedisKey> sets, long skip, int take, IReadOnlyList<string> longSearchWords)
    {
        RedisKey[] keys = [longWords, .. sets];
        RedisValue[] args = [skip, take, .. longSearchWords.Select(w => (RedisValue)w)];
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(Source, keys, args).ConfigureAwait(false))!;
        return (((RedisResult[])result[1]!).Select(r => (RedisValue)r).ToArray(), (long)result[0]);
    }
}
