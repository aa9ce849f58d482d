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
/// <see cref="Kind"/> is lower-case ("stream", "tenant", "namespace", "partitioned_topic");
/// <see cref="Detail"/> says what was updated, or what differs.
/// </summary>
public sealed record ProvisionedItem(string Kind, string Name, ProvisionAction Action, string? Detail = null)
{
    /// <summary>"stream AGENT_COMMANDS: created", "partitioned topic persistent://…: drift"; an update says what changed.</summary>
    public override string ToString() =>
        $"{Label} {Name}: {ActionText(Action)}{(Action == ProvisionAction.Updated && !string.IsNullOrEmpty(Detail) ? $" — {Detail}" : "")}";

    /// <summary>"tenant arc: allowed_clusters declares …": what differs, for a drifted item.</summary>
    public string DriftLine => $"{Label} {Name}: {Detail}";

    /// <summary>The action as JSON and the text output write it.</summary>
    public static string ActionText(ProvisionAction action) => action.ToString().ToLowerInvariant();

    private string Label => Kind.Replace('_', ' ');
}

/// <summary>What provisioning did, one item per declared object, in declaration order.</summary>
public sealed record ProvisionReport(IReadOnlyList<ProvisionedItem> Items)
{
    public static ProvisionReport None { get; } = new([]);

    /// <summary>One line per object, as progress output prints it.</summary>
    public IReadOnlyList<string> Applied => [.. Items.Select(i => i.ToString())];

    /// <summary>One line per object provisioning could not reconcile, saying what differs.</summary>
    public IReadOnlyList<string> Drift => [.. Items.Where(i => i.Action == ProvisionAction.Drift).Select(i => i.DriftLine)];
}
