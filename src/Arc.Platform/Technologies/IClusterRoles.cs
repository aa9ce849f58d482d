using Arc.Platform.Registry;

namespace Arc.Platform.Technologies;

/// <summary>A member's part in its topology, as `arc status` shows it: its role and, for NATS, the streams it leads.</summary>
public sealed record MemberRole(string Role, IReadOnlyList<string> Leads)
{
    public override string ToString() => Leads.Count == 0 ? $"role {Role}" : $"role {Role}, leads {string.Join(", ", Leads)}";
}

/// <summary>A technology that runs highly available topologies (<see cref="HaTopology"/>) tells each member's role.</summary>
public interface IClusterRoles
{
    /// <summary>The member's role now, or null when it does not answer.</summary>
    Task<MemberRole?> RoleAsync(ServiceDefinition member, CancellationToken cancellationToken);
}
