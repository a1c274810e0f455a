using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Persistence;
using AgentProvision.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentProvision.Tests.Llm;

public sealed class KeyRingShould : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentprovision-keyring-").FullName;

    [Fact]
    public async Task WrapStoredKeysWithTheConfiguredCertificate()
    {
        var pfx = Path.Combine(_folder, "keyring.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=AgentProvision key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "pfx-password"), TestContext.Current.CancellationToken);
        }

        await using var app = AppFactory.With(("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", "pfx-password"));
        await using var scope = await app.ScopeAsync("acme");
        var protector = scope.ServiceProvider.GetRequiredService<IApiKeyProtector>();
        var tenant = scope.ServiceProvider.GetRequiredService<AgentProvision.Core.Tenancy.ITenantContext>().TenantId;

        protector.Unprotect(tenant, protector.Protect(tenant, "sk-key-to-wrap-0000")).ShouldBe("sk-key-to-wrap-0000");
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.AsNoTracking()
            .ToListAsync(TestContext.Current.CancellationToken);
        stored.ShouldNotBeEmpty();
        // Wrapped: an encryptedSecret element instead of the master key in clear (a <value> element).
        stored.ShouldAllBe(k => k.Xml!.Contains("encryptedSecret") && !k.Xml.Contains("<value>"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
