using System.Text.RegularExpressions;
using Arc.Platform.Compose;
using Arc.Platform.Text;
using Arc.Platform.Verify.Files;
using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Verify.Rules;

/// <summary>
/// No credential is written into the repository: no secret-looking key with a literal value (anywhere
/// in a file, extension keys included, and in env files), no value shaped like a credential, no
/// password flag on a command line, health check or Dockerfile instruction. Messages never repeat the value.
/// </summary>
public sealed partial class NoSecrets : Rule
{
    private static readonly string[] SecretWords = ["password", "passwd", "pass", "pwd", "secret", "token", "apikey", "credential", "credentials", "privatekey", "accesskey", "secretkey", "requirepass", "masterauth", "auth"];
    private static readonly string[] SecretFlags = ["--requirepass", "--masterauth", "--pass", "--password", "--auth", "--token", "--user"];
    // Programs whose -a is a password (nats-server's -a is an address).
    private static readonly string[] PasswordDashA = ["redis-cli", "redis-benchmark"];
    private static readonly string[] CommandSeparators = ["&&", "||", ";", "|"];

    public override string Id => "no-secrets";
    public override string Description => "no secret-looking keys with literal values and no credential-shaped values in compose files (and their env files), Dockerfiles, service.yaml or the collector config; no password flags in commands or health checks";

    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^/\s:@]*:(?<password>[^/\s@]+)@|-----BEGIN [A-Z ]*PRIVATE KEY-----|\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{30,}|\bxox[abprs]-[A-Za-z0-9-]{10,}|\bsk-[A-Za-z0-9]{20,}|\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialValue();

    // ${VAR}, ${VAR:?message}, ${VAR?message}: the value comes from outside. ${VAR:-x} carries x itself.
    // A file's content ($(cat /path), $$ in compose) or a path under /run/secrets/ (a compose secret) is read, not written here.
    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*(:?\?[^}]*|:?-)?\}$|^\$[A-Za-z_][A-Za-z0-9_]*$|^\$\$?\(cat\s+/[^\s;|&()$`]+\)$|^/run/secrets/[^\s;|&()$`]+$")]
    private static partial Regex VariableReference();

    // The value of KEY=VALUE in a shell line: a whole $(cat FILE) when it starts with one, else its first word.
    [GeneratedRegex(@"^""?(?<read>\$\$?\(cat\s+/[^\s;|&()$`""]+\))""?(\s|$)")]
    private static partial Regex ReadFromFile();

    [GeneratedRegex(@"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")]
    private static partial Regex Word();

    [GeneratedRegex(@"^(?:export\s+)?(?<key>[A-Za-z_][A-Za-z0-9_.-]*)=(?<value>.*)$")]
    private static partial Regex Assignment();

    public static bool IsSecretKey(string key)
    {
        var words = Word().Matches(key).Select(m => m.Value.ToLowerInvariant()).ToList();
        if (words.Any(SecretWords.Contains))
            return true;
        for (var i = 0; i + 1 < words.Count; i++)
            if (SecretWords.Contains(words[i] + words[i + 1]))
                return true;
        return false;
    }

    public static bool IsLiteral(string? value) =>
        !string.IsNullOrEmpty(value) && !VariableReference().IsMatch(value.Trim().Trim('"', '\''));

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        foreach (var compose in repo.AllCompose.Where(c => c.Value is not null).Select(c => c.Value!))
            foreach (var v in CheckCompose(repo, compose))
                yield return v;
        foreach (var service in repo.Services)
        {
            var yaml = repo.Yaml(service.File);
            if (yaml.Value is not null)
                foreach (var v in CheckTree(service.File, yaml.Value.Root))
                    yield return v;
        }
        foreach (var file in repo.Services.Select(RepoSnapshot.DockerfilePath).Concat(repo.BuiltDockerfiles).Distinct())
        {
            var dockerfile = repo.DockerfileAt(file);
            if (dockerfile.Value is not null)
                foreach (var v in CheckDockerfile(file, dockerfile.Value))
                    yield return v;
        }
        var collector = repo.CollectorConfig;
        if (collector.Value is not null)
            foreach (var v in CheckTree(collector.File, collector.Value.Root))
                yield return v;
    }

    private IEnumerable<Violation> CheckCompose(RepoSnapshot repo, ComposeFile compose)
    {
        foreach (var v in CheckTree(compose.DisplayPath, compose.Root))
            yield return v;
        foreach (var v in CheckSecrets(repo, compose))
            yield return v;
        foreach (var service in compose.Services)
        {
            var commandWords = ComposeFacts.CommandWords(service);
            var healthWords = ComposeFacts.Words(Yml.Path(service.Node, "healthcheck", "test"));
            foreach (var (flag, line) in PasswordFlags(commandWords).Concat(PasswordFlags(healthWords)))
                yield return At(compose.DisplayPath, line, $"service '{service.Name}' passes a credential with {flag}");
            foreach (var envFile in Yml.Strings(service.Get("env_file")))
                foreach (var v in CheckEnvFile(repo, compose, service, envFile))
                    yield return v;
        }
    }

    /// <summary>Secret keys with literal values anywhere in the tree (extension and custom keys too), KEY=VALUE list items, credential-shaped values.</summary>
    private IEnumerable<Violation> CheckTree(string file, YamlNode? root)
    {
        foreach (var (key, keyNode, value) in Yml.Walk(root))
            if (IsSecretKey(key) && value is YamlScalarNode scalar && IsLiteral(scalar.Value))
                yield return At(file, Yml.Line(keyNode), $"'{key}' holds a literal value; credentials do not belong in the repository");
        foreach (var scalar in Yml.Scalars(root))
        {
            if (scalar.Value is not { } text)
                continue;
            if (Assignment().Match(text) is { Success: true } pair && IsSecretKey(pair.Groups["key"].Value) && IsLiteral(AssignedValue(pair.Groups["value"].Value)))
                yield return At(file, Yml.Line(scalar), $"'{pair.Groups["key"].Value}' is set to a literal value; credentials do not belong in the repository");
            else if (HasCredential(text))
                yield return At(file, Yml.Line(scalar), "value looks like a credential (URL user:password@, private key, access token)");
        }
    }

    private IEnumerable<Violation> CheckDockerfile(string file, Dockerfile dockerfile)
    {
        foreach (var instruction in dockerfile.Instructions)
        {
            if (instruction.Keyword is "ENV" or "ARG" or "LABEL")
                foreach (var (key, value) in Dockerfile.ParseLabels(instruction.Arguments))
                    if (IsSecretKey(key) && IsLiteral(value))
                        yield return At(file, instruction.Line, $"{instruction.Keyword} '{key}' holds a literal value; credentials do not belong in an image");
            if (instruction.Keyword is "RUN" or "CMD" or "ENTRYPOINT")
            {
                var words = InstructionWords(instruction.Arguments).Select(w => (w, instruction.Line)).ToList();
                foreach (var (flag, _) in PasswordFlags(words))
                    yield return At(file, instruction.Line, $"{instruction.Keyword} passes a credential with {flag}");
                foreach (var (word, _) in words)
                    if (Assignment().Match(word) is { Success: true } pair && IsSecretKey(pair.Groups["key"].Value) && IsLiteral(pair.Groups["value"].Value))
                        yield return At(file, instruction.Line, $"{instruction.Keyword} sets '{pair.Groups["key"].Value}' to a literal value");
            }
            if (HasCredential(instruction.Arguments))
                yield return At(file, instruction.Line, $"{instruction.Keyword} contains a credential-shaped value");
        }
    }

    /// <summary>An env file a compose service loads: each KEY=VALUE line with a secret key and a literal value, at its own line.</summary>
    private IEnumerable<Violation> CheckEnvFile(RepoSnapshot repo, ComposeFile compose, ComposeService service, string envFile)
    {
        var dir = Path.GetDirectoryName(compose.DisplayPath) ?? "";
        var file = Path.GetRelativePath(repo.Root, Path.GetFullPath(Path.Combine(repo.Root, dir, envFile))).Replace('\\', '/');
        var lines = repo.Lines(file);
        if (lines.Value is null)
            yield break;
        for (var i = 0; i < lines.Value.Length; i++)
            if (Assignment().Match(lines.Value[i].Trim()) is { Success: true } pair && IsSecretKey(pair.Groups["key"].Value) && IsLiteral(pair.Groups["value"].Value))
                yield return At(file, i + 1, $"'{pair.Groups["key"].Value}' holds a literal value in the env file of service '{service.Name}'");
    }

    /// <summary>
    /// Compose secrets hold no value here: no <c>content:</c> (the value itself), and a <c>file:</c> inside the
    /// repository only under <c>.arc/secrets/</c> (git-ignored, written by arc), never a tracked file.
    /// </summary>
    private IEnumerable<Violation> CheckSecrets(RepoSnapshot repo, ComposeFile compose)
    {
        var generated = Secrets.SecretStore.DirectoryOf(repo.Root) + Path.DirectorySeparatorChar;
        foreach (var secret in ComposeSecret.Of(compose, compose.Path))
        {
            if (secret.Content is not null)
                yield return At(compose.DisplayPath, Yml.Line(secret.Content), $"secret '{secret.Name}' holds its value in the compose file (content:); credentials do not belong in the repository");
            var relative = secret.FullPath is null ? null : Path.GetRelativePath(repo.Root, secret.FullPath);
            if (relative is not null && !relative.StartsWith("..", StringComparison.Ordinal) && !secret.FullPath!.StartsWith(generated, StringComparison.Ordinal))
                yield return At(compose.DisplayPath, secret.Line, $"secret '{secret.Name}' reads {relative}, a file of the repository; secrets are generated into .arc/secrets/ (git-ignored)");
        }
    }

    /// <summary>What KEY=VALUE in a shell line assigns: a leading $(cat FILE) whole, else the first word.</summary>
    private static string AssignedValue(string value)
    {
        if (ReadFromFile().Match(value) is { Success: true } read)
            return read.Groups["read"].Value;
        var words = ShellWords.Split(value);
        return words.Count == 0 ? value : words[0];
    }

    /// <summary>Password flags with a literal value: <c>--requirepass x</c>, <c>--requirepass=x</c>, <c>redis-cli -a x</c>.</summary>
    private static IEnumerable<(string Flag, int Line)> PasswordFlags(List<(string Text, int Line)> words)
    {
        var afterPasswordDashA = false;
        for (var i = 0; i < words.Count; i++)
        {
            var (word, line) = words[i];
            if (CommandSeparators.Contains(word))
                afterPasswordDashA = false;
            afterPasswordDashA |= PasswordDashA.Contains(Path.GetFileName(word));
            var eq = word.IndexOf('=');
            var flag = eq > 0 ? word[..eq] : word;
            var isSecret = SecretFlags.Contains(flag) || flag == "-a" && afterPasswordDashA;
            var value = eq > 0 ? word[(eq + 1)..] : i + 1 < words.Count ? words[i + 1].Text : null;
            if (isSecret && IsLiteral(value))
                yield return (flag, line);
        }
    }

    /// <summary>Dockerfile arguments in exec form (a JSON array) or shell form.</summary>
    private static IReadOnlyList<string> InstructionWords(string arguments)
    {
        var text = arguments.Trim();
        if (text.StartsWith('[') && text.EndsWith(']'))
            text = text[1..^1].Replace("\",", "\" ", StringComparison.Ordinal);
        return ComposeFacts.SplitScript(text);
    }

    /// <summary>A credential-shaped value; a URL whose password is a variable reference is not one.</summary>
    private static bool HasCredential(string text) =>
        CredentialValue().Matches(text).Any(m => !m.Groups["password"].Success || IsLiteral(m.Groups["password"].Value));
}
