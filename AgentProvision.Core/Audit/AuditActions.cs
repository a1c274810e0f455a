namespace AgentProvision.Core.Audit;

public static class AuditActions
{
    public const string SignIn = "auth.sign-in";
    public const string SignInFailed = "auth.sign-in-failed";
    public const string LockedOut = "auth.locked-out";
    public const string SignOut = "auth.sign-out";
    public const string UserCreated = "user.created";
    public const string UserInvited = "user.invited";
    public const string InvitationAccepted = "user.invitation-accepted";
    public const string UserRoleChanged = "user.role-changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string TenantSwitched = "tenant.switched";
    public const string TenantSwitchedBack = "tenant.switched-back";
    public const string TenantCreated = "tenant.created";
    public const string TenantSuspended = "tenant.suspended";
    public const string TenantActivated = "tenant.activated";
    public const string TenantEntraLinked = "tenant.entra-linked";
    public const string LlmConfigCreated = "llm.config-created";
    public const string LlmConfigUpdated = "llm.config-updated";
    public const string LlmConfigDeleted = "llm.config-deleted";
    public const string LlmKeyChanged = "llm.key-changed";
    public const string LlmBudgetAlert = "llm.budget-alert";
    public const string LlmCatalogChanged = "llm.catalog-changed";
    public const string TeamChanged = "team.changed";
    public const string TeamDeleted = "team.deleted";
    public const string TaskCreated = "task.created";
    public const string TaskSteered = "task.steered";
    public const string ApprovalDecided = "task.approval-decided";
    public const string MemoryEmbeddingModelChanged = "memory.embedding-model-changed";
    public const string KnowledgeEntityCreated = "knowledge.entity-created";
    public const string KnowledgeEntityEdited = "knowledge.entity-edited";
    public const string KnowledgeEntitiesMerged = "knowledge.entities-merged";
    public const string KnowledgeRelationAdded = "knowledge.relation-added";
    public const string KnowledgeRelationEnded = "knowledge.relation-ended";
    public const string MemoryRemembered = "memory.remembered";
    public const string MemoryForgotten = "memory.forgotten";
    public const string MemoryShared = "memory.shared";
    public const string MemoryConsolidated = "memory.consolidated";
    public const string TemplateApplied = "tenant.template-applied";

    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, LockedOut, SignOut, UserCreated, UserInvited, InvitationAccepted, UserRoleChanged,
        UserDisabled, UserEnabled, TenantSwitched, TenantSwitchedBack, TenantCreated, TenantSuspended, TenantActivated,
        TenantEntraLinked, LlmConfigCreated, LlmConfigUpdated, LlmConfigDeleted, LlmKeyChanged, LlmBudgetAlert, LlmCatalogChanged, TeamChanged, TeamDeleted,
        TaskCreated, TaskSteered, ApprovalDecided,
        MemoryEmbeddingModelChanged,
        KnowledgeEntityCreated, KnowledgeEntityEdited, KnowledgeEntitiesMerged, KnowledgeRelationAdded, KnowledgeRelationEnded,
        MemoryRemembered, MemoryForgotten, MemoryShared, MemoryConsolidated,
        TemplateApplied,
    ];
}
