using System.Net;
using System.Text.RegularExpressions;

namespace AgentProvision.Tests.Support;

/// <summary>Drives the server-rendered sign-in form over HTTP, antiforgery token included, as a browser would.</summary>
public static partial class SignInForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = "/account/login" + (returnUrl is null ? string.Empty : $"?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    public static string Token(string html) => WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
