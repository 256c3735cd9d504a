namespace Tally.Server.Tests.Infrastructure;

/// <summary>Theory data for a test that must hold on both stacks: <c>[Theory, ClassData(typeof(BothStacks))]</c>.</summary>
public sealed class BothStacks : TheoryData<Stack>
{
    public BothStacks()
    {
        foreach (var stack in Enum.GetValues<Stack>())
        {
            Add(stack);
        }
    }

    /// <summary>Every row of <paramref name="rows"/> once per stack, the stack as the first argument.</summary>
    public static IEnumerable<object?[]> Each(IEnumerable<ITheoryDataRow> rows) =>
        from stack in Enum.GetValues<Stack>()
        from row in rows
        select (object?[])[stack, .. row.GetData()];
}
