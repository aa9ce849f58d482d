namespace Arc.Platform.Technologies;

/// <summary>What provisioning did to one object: the vocabulary of `arc up --json`'s "provisioned" items.</summary>
public enum ProvisionAction
{
    Created,
    Updated,
    Unchanged,
    /// <summary>The object differs from its declaration in a way provisioning did not (or could not) apply.</summary>
    Drift,
}

/// <summary>
/// One provisioned object: a JetStream stream, a Pulsar tenant, namespace or partitioned topic.
/// <see cref="Kind"/> is lower-case ("stream", "tenant", "namespace", "partitioned_topic").
/// </summary>
public sealed record ProvisionedItem(string Kind, string Name, ProvisionAction Action, string? Detail = null)
{
    public override string ToString() =>
        $"{Name}: {ActionText(Action)}{(string.IsNullOrEmpty(Detail) ? "" : $" — {Detail}")}";

    /// <summary>The action as JSON and the text output write it.</summary>
    public static string ActionText(ProvisionAction action) => action.ToString().ToLowerInvariant();
}

/// <summary>What provisioning did, one item per declared object, in declaration order.</summary>
public sealed record ProvisionReport(IReadOnlyList<ProvisionedItem> Items)
{
    public static ProvisionReport None { get; } = new([]);

    /// <summary>The items provisioning could not reconcile.</summary>
    public IReadOnlyList<ProvisionedItem> Drift => [.. Items.Where(i => i.Action == ProvisionAction.Drift)];
}
