using System.Linq.Expressions;
using System.Reflection;

namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>
/// Turns a search filter into a <see cref="VectorFilter"/>. Only what tenant isolation needs is understood:
/// <c>r.TenantId == t</c>, optionally <c>&amp;&amp; r.AgentId == a</c>, with constants or captured variables.
/// </summary>
public static class MemoryVectorFilter
{
    private const string Supported =
        "Supported filters are r => r.TenantId == tenantId and r => r.TenantId == tenantId && r.AgentId == agentId.";

    public static VectorFilter Translate(Expression<Func<MemoryVectorRecord, bool>>? filter)
    {
        if (filter is null)
            throw new TenantFilterRequiredException();
        Guid? tenantId = null;
        Guid? agentId = null;
        Collect(filter.Body, filter.Parameters[0], ref tenantId, ref agentId);
        if (tenantId is not { } tenant)
            throw new TenantFilterRequiredException();
        if (tenant == Guid.Empty)
            throw new ArgumentException("The filter's tenant id is empty; vectors are always searched within one real tenant.", nameof(filter));
        return new VectorFilter(tenant, agentId);
    }

    private static void Collect(Expression node, ParameterExpression record, ref Guid? tenantId, ref Guid? agentId)
    {
        switch (node)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso } and:
                Collect(and.Left, record, ref tenantId, ref agentId);
                Collect(and.Right, record, ref tenantId, ref agentId);
                return;
            case BinaryExpression { NodeType: ExpressionType.Equal } equal:
                var (property, value) = RecordProperty(equal.Left, record) is { } left
                    ? (left, Value(equal.Right, record))
                    : (RecordProperty(equal.Right, record) ?? throw Unsupported(node), Value(equal.Left, record));
                switch (property)
                {
                    case nameof(MemoryVectorRecord.TenantId):
                        tenantId = Single(tenantId, value, property);
                        return;
                    case nameof(MemoryVectorRecord.AgentId):
                        agentId = Single(agentId, value, property);
                        return;
                    default:
                        throw new NotSupportedException($"Vector searches cannot filter on {property}. {Supported}");
                }
            default:
                throw Unsupported(node);
        }
    }

    private static Guid Single(Guid? already, Guid value, string property) =>
        already is { } previous && previous != value
            ? throw new NotSupportedException($"The filter compares {property} with two different values. {Supported}")
            : value;

    private static string? RecordProperty(Expression side, ParameterExpression record) =>
        Unwrap(side) is MemberExpression { Member: PropertyInfo property } member && member.Expression == record
            ? property.Name
            : null;

    private static Guid Value(Expression side, ParameterExpression record)
    {
        var value = Evaluate(Unwrap(side), record);
        return value switch
        {
            Guid guid => guid,
            null => throw new NotSupportedException($"The filter compares with null. {Supported}"),
            _ => throw new NotSupportedException($"The filter compares with a {value.GetType().Name}; ids are Guids. {Supported}"),
        };
    }

    // Captured variables arrive as fields of a closure constant; reading them by reflection avoids compiling a delegate per search.
    private static object? Evaluate(Expression node, ParameterExpression record) => node switch
    {
        ConstantExpression constant => constant.Value,
        MemberExpression { Member: FieldInfo field } member => field.GetValue(member.Expression is null ? null : Evaluate(member.Expression, record)),
        MemberExpression { Member: PropertyInfo property } member when member.Expression != record =>
            property.GetValue(member.Expression is null ? null : Evaluate(member.Expression, record)),
        _ when !References(node, record) => Expression.Lambda(node).Compile(preferInterpretation: true).DynamicInvoke(),
        _ => throw Unsupported(node),
    };

    private static Expression Unwrap(Expression node) =>
        node is UnaryExpression { NodeType: ExpressionType.Convert } convert ? Unwrap(convert.Operand) : node;

    private static bool References(Expression node, ParameterExpression record)
    {
        var finder = new ParameterFinder(record);
        finder.Visit(node);
        return finder.Found;
    }

    private static NotSupportedException Unsupported(Expression node) =>
        new($"The vector search filter '{node}' is not supported. {Supported}");

    private sealed class ParameterFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == parameter;
            return node;
        }
    }
}

/// <summary>A vector search or listing without <c>r.TenantId == …</c> in its filter: refused, so no tenant can read another's vectors.</summary>
public sealed class TenantFilterRequiredException()
    : InvalidOperationException("A vector search must filter on the tenant (r => r.TenantId == tenantId); searching across tenants is not allowed.");
