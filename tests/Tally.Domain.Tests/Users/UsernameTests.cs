using CsCheck;
using Tally.Domain.Tests.Text;
using Tally.Domain.Users;

namespace Tally.Domain.Tests.Users;

public sealed class UsernameTests
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("Alice.B_c-9", "Alice.B_c-9")]
    [InlineData("\uFF41\uFF4C\uFF49\uFF43\uFF45", "alice")]
    [InlineData("\uFB01sh", "fish")]
    [InlineData("\u212Aelvin", "Kelvin")]
    public void CompatibilityFormsBecomeTheNameTheyLookLike(string raw, string stored)
    {
        var name = Username.Normalise(raw);

        Assert.Equal(stored, name);
        Assert.True(Username.MayRegister(name!));
    }

    [Theory]
    [InlineData("alice\n")]
    [InlineData("alice\r\n")]
    [InlineData("\nalice")]
    [InlineData("ali ce")]
    [InlineData("al")]
    [InlineData("\u00E1lice")]
    [InlineData("al\u200Bice")]
    [InlineData("\u202Eecila")]
    [InlineData("al\u0000ice")]
    [InlineData("")]
    public void NamesOutsideTheCharacterSetMayNotRegister(string raw) => Assert.False(Username.MayRegister(Username.Normalise(raw)!));

    [Fact]
    public void LengthIsThreeToSixtyFour()
    {
        Assert.True(Username.MayRegister(new string('a', Username.MaxLength)));
        Assert.False(Username.MayRegister(new string('a', Username.MaxLength + 1)));
        Assert.True(Username.MayRegister("abc"));
    }

    [Fact]
    public void ANameThatIsNotTextHasNoNormalForm()
    {
        Assert.Null(Username.Normalise("ali\uD800ce"));
        Assert.Null(Username.Normalise(null));
    }

    [Fact]
    public void AnOldNameOutsideTodaysPatternStillNormalisesToItself() =>
        // Registered before the pattern was anchored at the very end; login must still find it.
        Assert.Equal("alice\n", Username.Normalise("alice\n"));

    [Fact]
    public void EveryRegistrableNameIsStableAsciiWithoutATrailingBreak() =>
        Gen.OneOf(TextSamples.Any, Gen.String["abcXYZ019._-\uFF41\uFB01 \n"]).Sample(raw =>
        {
            if (Username.Normalise(raw) is not { } name || !Username.MayRegister(name))
            {
                return true;
            }
            return name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
                && Username.Normalise(name) == name
                && !Username.MayRegister(Username.Normalise(raw + "\n")!);
        }, iter: 50_000);
}
