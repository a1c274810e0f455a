namespace AgentProvision.Core.Features;

/// <summary>A feature change that is not allowed or not valid; the message is shown to the person as is.</summary>
public sealed class FeatureException(string message) : InvalidOperationException(message);
