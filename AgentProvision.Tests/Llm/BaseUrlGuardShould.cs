using AgentProvision.Core.Llm;

namespace AgentProvision.Tests.Llm;

public class BaseUrlGuardShould
{
    [Theory]
    [InlineData("https://api.openai.com/v1", false, false)]
    [InlineData("https://gpu-box.example.com:11434", false, false)]
    [InlineData("http://169.254.169.254/latest/meta-data", true, true)]
    [InlineData("http://[fe80::1]/", true, true)]
    [InlineData("http://metadata.google.internal/computeMetadata/v1", true, true)]
    [InlineData("http://127.0.0.1:11434", false, true)]
    [InlineData("http://localhost:11434", false, true)]
    [InlineData("http://10.0.0.7:8000/v1", false, true)]
    [InlineData("http://172.20.1.1:8000/v1", false, true)]
    [InlineData("http://192.168.1.20:8000/v1", false, true)]
    [InlineData("http://[::ffff:10.1.2.3]/v1", false, true)]
    [InlineData("http://172.32.0.1:8000/v1", false, false)]
    public void RefuseMetadataAlwaysAndPrivateNetworksWhenTheyAreNotAllowed(string url, bool refusedEvenWhenAllowed, bool refusedWhenNotAllowed)
    {
        (BaseUrlGuard.Refusal(new Uri(url), allowPrivateNetworks: true) is not null).ShouldBe(refusedEvenWhenAllowed);
        (BaseUrlGuard.Refusal(new Uri(url), allowPrivateNetworks: false) is not null).ShouldBe(refusedWhenNotAllowed);
    }
}
