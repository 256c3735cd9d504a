using CsCheck;
using Tally.Domain.Voters;

namespace Tally.Domain.Tests.Voters;

public sealed class VoterIdsTests
{
    private const string Local = "tally";

    // Few letters and plenty of ':' and '%', so that colliding spellings are tried often.
    private static readonly Gen<string> Part = Gen.String[Gen.Char["ab:%3A"], 0, 6];

    private static readonly Gen<string> Issuer = Part.Select(p => "https://i" + p);

    [Fact]
    public void NoTwoIssuerSubjectPairsGiveOneVoter() =>
        Gen.Select(Issuer, Part, Issuer, Part).Sample((issuer1, subject1, issuer2, subject2) =>
            (issuer1 == issuer2 && subject1 == subject2) == (VoterIds.Of(issuer1, Local, subject1) == VoterIds.Of(issuer2, Local, subject2)),
            iter: 50_000);

    [Theory]
    [InlineData("https://idp.example", "8443:x", "https://idp.example:8443%3Ax")]
    [InlineData("https://idp.example:8443", "x", "https://idp.example:8443:x")]
    [InlineData("idp", "100%", "idp:100%25")]
    [InlineData("tally", "0193a0c4-0000-7000-8000-000000000001", "0193a0c4-0000-7000-8000-000000000001")]
    public void ExternalSubjectsAreEscapedAndOwnUsersAreBare(string issuer, string subject, string expected) =>
        Assert.Equal(expected, VoterIds.Of(issuer, Local, subject));

    [Fact]
    public void AStoredIdOfTheFirstEncodingBecomesTheIdItsVoterHasNow() =>
        Gen.Select(Gen.OneOf(Gen.Const("https://idp.example"), Gen.Const("idp")), Part).Sample((issuer, subject) =>
        {
            var stored = issuer + ":" + subject;
            var now = VoterIds.Of(issuer, Local, subject);
            return VoterIds.Reencode(stored, ["https://idp.example", "idp"]) == (now == stored ? null : now);
        }, iter: 10_000);

    [Fact]
    public void TheLongestConfiguredIssuerDecidesAndUnknownIssuersAreLeftAlone()
    {
        Assert.Equal("https://a:8443:x%3Ay", VoterIds.Reencode("https://a:8443:x:y", ["https://a", "https://a:8443"]));
        Assert.Null(VoterIds.Reencode("https://gone:x:y", ["https://a"]));
        Assert.Null(VoterIds.Reencode("0193a0c4-0000-7000-8000-000000000001", ["https://a"]));
    }
}
