using AgentProvision.Core.Compliance;

namespace AgentProvision.Core.Templates;

/// <summary>The templates of design §5.2 (healthcare, finance, legal, retail) and a blank one.</summary>
public static class IndustryTemplateCatalog
{
    public const string Blank = "blank";

    public static readonly IReadOnlyList<IndustryTemplate> All =
    [
        new("healthcare", "Healthcare", "HIPAA and HITECH, with personal data redacted from memories, messages and logs.",
            new ComplianceMode(["hipaa", "hitech"], AutoRedactPii: true),
            new TemplateTeam("Clinical data team", "Analyse patient data and produce compliant clinical reports."),
            [
                new("Patient Data Analyst", "Analyst", "Analyses patient data and codes it, handling personal data with care.", ["pii_handling", "medical_coding"]),
                new("Clinical Report Generator", "Writer", "Summarises clinical findings into reports that pass compliance checks.", ["summarization", "compliance_check"]),
            ]),
        new("finance", "Finance", "SOX, PCI and GDPR, with analysts for forecasts and a monitor for anomalies.",
            new ComplianceMode(["sox", "pci", "gdpr"], AutoRedactPii: false),
            new TemplateTeam("Finance team", "Forecast, assess risk and keep an audit trail of anomalies."),
            [
                new("Financial Analyst", "Analyst", "Forecasts figures and assesses risk.", ["forecasting", "risk_assessment"]),
                new("Compliance Monitor", "Monitor", "Watches for anomalies and keeps the audit trail.", ["anomaly_detection", "audit_trail"]),
            ]),
        new("legal", "Legal", "Contract review and legal research.",
            ComplianceMode.None,
            new TemplateTeam("Legal team", "Review documents and research the law behind them."),
            [
                new("Document Reviewer", "Reviewer", "Analyses contracts and extracts their clauses.", ["contract_analysis", "clause_extraction"]),
                new("Research Assistant", "Researcher", "Searches case law and cites it.", ["case_law_search", "citation"]),
            ]),
        new("retail", "Retail", "Sales trends, inventory and customer insight.",
            ComplianceMode.None,
            new TemplateTeam("Retail team", "Understand sales, stock and customers."),
            [
                new("Sales Analyst", "Analyst", "Finds sales trends and forecasts inventory.", ["trend_analysis", "inventory_forecasting"]),
                new("Customer Insights", "Researcher", "Reads customer sentiment and segments customers.", ["sentiment_analysis", "segmentation"]),
            ]),
        new(Blank, "Blank", "No agents, no team and no compliance regime: start from scratch.", ComplianceMode.None, null, []),
    ];

    public static IndustryTemplate? Find(string? key) =>
        All.FirstOrDefault(t => string.Equals(t.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));
}
