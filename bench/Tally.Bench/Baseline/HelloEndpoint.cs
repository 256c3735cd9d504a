using Microsoft.AspNetCore.Http;
using Tally.Bench.Protocol;

namespace Tally.Bench.Baseline;

/// <summary>
/// What /hello does instead of voting: bind the same body, answer 201 with a receipt of the same shape.
/// Everything Tally does beyond this is the price of actually recording a vote.
/// </summary>
public sealed class HelloEndpoint
{
    private static readonly string PollId = Guid.NewGuid().ToString();
    private long _sequence;

    public IResult Handle(VoteRequest body)
    {
        if (body.OptionId <= 0 || string.IsNullOrEmpty(body.Region))
        {
            return Results.BadRequest();
        }
        var id = Guid.NewGuid().ToString();
        var receipt = new VoteReceipt(id, PollId, body.OptionId, body.Region, DateTimeOffset.UtcNow, Interlocked.Increment(ref _sequence));
        return Results.Created($"/hello/{id}", receipt);
    }

    public IResult Peek() => Results.Ok(new VoteReceipt(PollId, PollId, 1, "north", DateTimeOffset.UtcNow, Interlocked.Read(ref _sequence)));
}
