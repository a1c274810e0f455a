using AgentProvision.Core.Branding;
using Shouldly;

namespace AgentProvision.Tests.Branding;

public sealed class ContrastShould
{
    [Theory]
    [InlineData("#000000", 0.0)]
    [InlineData("#FFFFFF", 1.0)]
    [InlineData("#FF0000", 0.2126)]
    [InlineData("#00FF00", 0.7152)]
    [InlineData("#0000FF", 0.0722)]
    [InlineData("#808080", 0.2159)]
    public void ComputeRelativeLuminanceAsWcagDefinesIt(string color, double expected) =>
        Contrast.Luminance(color).ShouldBe(expected, 0.0005);

    [Theory]
    [InlineData("#000000", "#FFFFFF", 21.0)]
    [InlineData("#FFFFFF", "#000000", 21.0)]
    [InlineData("#777777", "#FFFFFF", 4.48)]
    [InlineData("#767676", "#FFFFFF", 4.54)]
    [InlineData("#3F51B5", "#FFFFFF", 6.87)]
    [InlineData("#FF4081", "#FFFFFF", 3.33)]
    [InlineData("#123456", "#123456", 1.0)]
    public void ComputeTheRatioOfLighterOverDarker(string foreground, string background, double expected) =>
        Contrast.Ratio(foreground, background).ShouldBe(expected, 0.01);

    [Theory]
    [InlineData("#767676", "#FFFFFF", false, true)]
    [InlineData("#777777", "#FFFFFF", false, false)]
    [InlineData("#777777", "#FFFFFF", true, true)]
    [InlineData("#FF4081", "#FFFFFF", false, false)]
    [InlineData("#FF4081", "#FFFFFF", true, true)]
    [InlineData("#AAAAAA", "#FFFFFF", true, false)]
    public void PassAaAtFourAndAHalfForNormalTextAndThreeForLarge(string foreground, string background, bool large, bool passes) =>
        Contrast.MeetsAa(foreground, background, large).ShouldBe(passes);

    [Theory]
    [InlineData("#3F51B5", "#FFFFFF")]
    [InlineData("#FFEB3B", "#000000")]
    public void PickTheTextColourThatReadsBetter(string background, string expected) =>
        Contrast.ReadableTextOn(background).ShouldBe(expected);

    [Fact]
    public void RejectAValueThatIsNotAColour() =>
        Should.Throw<ArgumentException>(() => Contrast.Luminance("red")).Message.ShouldContain("#RRGGBB");
}
