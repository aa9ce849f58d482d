using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Secrets;
using Arc.Platform.Technologies;

namespace Arc.Platform.Drivers.Docker;

/// <summary>
/// What compose mounts as secrets, written before every start (DESIGN.md §8): each top-level secret whose
/// <c>file:</c> is one of arc's container copies, <c>.arc/secrets/docker/&lt;codename&gt;.&lt;kind&gt;</c>, gets its
/// content from the service's credentials (or the open variant after `up --insecure`) and goes to the user
/// of the container that mounts it. The compose file names files and mount points only, never a value.
/// </summary>
internal static class ContainerSecretFiles
{
    /// <summary>Writes the copies; returns their names (for the start's detail), empty when the compose file mounts none.</summary>
    public static IReadOnlyList<string> Write(ServiceDefinition service, ComposeFile compose, ITechnology technology)
    {
        if (service.SecretsDirectory is not { } directory)
            return [];
        var store = new SecretStore(directory);
        var copies = new ContainerCopies(store);
        var ours = ComposeSecret.Of(compose, service.ComposeFile)
            .Where(s => s.FullPath is { } path && Path.GetDirectoryName(path) == copies.Directory).ToList();
        if (ours.Count == 0)
            return [];
        var credentials = CredentialsOf(service, technology, store);
        var contents = Contents(service, compose, technology, credentials);
        var written = new List<string>();
        foreach (var secret in ours)
        {
            var name = Path.GetFileName(secret.FullPath!);
            var kind = name.StartsWith(service.Codename + ".", StringComparison.Ordinal) ? name[(service.Codename.Length + 1)..] : null;
            if (kind is null || !contents.TryGetValue(kind, out var content))
                throw new ConfigException(compose.DisplayPath, secret.Line, 1,
                    $"secret '{secret.Name}' names {secret.File}, which arc does not generate; it writes {string.Join(", ", contents.Keys.Order(StringComparer.Ordinal).Select(k => $"{service.Codename}.{k}"))} there");
            copies.Write(name, content, ReaderOf(compose, secret));
            written.Add(name);
        }
        return written;
    }

    /// <summary>Null (open) only after `up --insecure`; otherwise `up` generated them before the start.</summary>
    private static ServiceCredentials? CredentialsOf(ServiceDefinition service, ITechnology technology, SecretStore store)
    {
        if (technology.Connection.Users.Count == 0 || store.IsInsecure(service.Codename))
            return null;
        return ServiceCredentials.Of(service, technology.Connection)
            ?? throw new DriverException($"{service.Codename}: no credentials in {store.Directory} to mount into its containers; `arc up` generates them");
    }

    /// <summary>Each user's password under the user's name, and what the technology derives from them.</summary>
    private static Dictionary<string, string> Contents(ServiceDefinition service, ComposeFile compose, ITechnology technology, ServiceCredentials? credentials)
    {
        var contents = technology.Connection.Users.ToDictionary(u => u, u => credentials?.Find(u)?.Password ?? "", StringComparer.Ordinal);
        if (technology is IContainerSecrets derived && compose.Service(service.Name) is { } main)
            foreach (var (kind, content) in derived.ContainerSecrets(service, main, credentials))
                contents[kind] = content;
        return contents;
    }

    /// <summary>The one user every container mounting the secret runs as (a numeric uid); null when none mounts it.</summary>
    private static ContainerUser? ReaderOf(ComposeFile compose, ComposeSecret secret)
    {
        ContainerUser? reader = null;
        foreach (var mount in secret.Mounts)
        {
            var found = ContainerUserOf.Find(mount.Service, compose.Path);
            var user = ContainerUser.Parse(found?.Text);
            if (user is null)
                throw new ConfigException(compose.DisplayPath, mount.Line, 1, found is null
                    ? $"service '{mount.Service.Name}' mounts secret '{secret.Name}' but names no user; give it `user: UID:GID` (the uid its image runs as) so arc can hand it the file"
                    : $"service '{mount.Service.Name}' mounts secret '{secret.Name}' but runs as '{found.Value.Text}' ({found.Value.Where}); name it by uid (UID:GID) so arc can hand it the file");
            if (reader is not null && reader.Uid != user.Uid)
                throw new ConfigException(compose.DisplayPath, mount.Line, 1,
                    $"secret '{secret.Name}' is mounted by containers of uid {reader.Uid} and {user.Uid}; a file has one owner: give each its own secret");
            reader = user;
        }
        return reader;
    }
}
