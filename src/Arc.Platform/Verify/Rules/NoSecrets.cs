using Arc.Platform.Yaml;
using Arc.Platform.Text;
using System.Text.RegularExpressions;
using Arc.Platform.Compose;
using Arc.Platform.Verify.Files;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Verify.Rules;

/// <summary>
/// No credential is written into the repository: no secret-looking key with a literal value, no
/// value shaped like a credential, no password flag on a command line.
/// </summary>
public sealed partial class NoSecrets : Rule
{
    private static readonly string[] SecretWords = ["password", "passwd", "pass", "pwd", "secret", "token", "apikey", "credential", "credentials", "privatekey", "accesskey", "secretkey"];
    private static readonly string[] SecretFlags = ["--requirepass", "--masterauth", "--pass", "--password", "--user", "--auth", "--token", "-a"];

    public override string Id => "no-secrets";
    public override string Description => "no secret-looking keys with literal values and no credential-shaped values in compose files, Dockerfiles, service.yaml or the collector config";

    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@|-----BEGIN [A-Z ]*PRIVATE KEY-----|\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{30,}|\bxox[abprs]-[A-Za-z0-9-]{10,}|\bsk-[A-Za-z0-9]{20,}|\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialValue();

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-?][^}]*)?\}$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")]
    private static partial Regex Word();

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
        !string.IsNullOrEmpty(value) && !VariableReference().IsMatch(value.Trim());

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        foreach (var compose in repo.AllCompose.Where(c => c.Value is not null).Select(c => c.Value!))
            foreach (var v in CheckCompose(compose))
                yield return v;
        foreach (var service in repo.Services)
        {
            var yaml = repo.Yaml(service.File);
            if (yaml.Value is not null)
                foreach (var v in CheckTree(service.File, yaml.Value.Root))
                    yield return v;
            var dockerfile = repo.Dockerfile(service);
            if (dockerfile.Value is not null)
                foreach (var v in CheckDockerfile(dockerfile.File, dockerfile.Value))
                    yield return v;
        }
        var collector = repo.CollectorConfig;
        if (collector.Value is not null)
            foreach (var v in CheckTree(collector.File, collector.Value.Root))
                yield return v;
    }

    private IEnumerable<Violation> CheckCompose(ComposeFile compose)
    {
        foreach (var service in compose.Services)
        {
            foreach (var (key, value, line) in Pairs(service.Get("environment")).Concat(Pairs(Yml.Child(service.Get("build"), "args"))).Concat(Pairs(service.Get("labels"))))
                if (IsSecretKey(key) && IsLiteral(value))
                    yield return At(compose.DisplayPath, line, $"service '{service.Name}' sets '{key}' to a literal value; credentials do not belong in the repository");
            foreach (var part in new[] { "command", "entrypoint" })
            {
                var words = Words(service.Get(part));
                for (var i = 0; i + 1 < words.Count; i++)
                    if (SecretFlags.Contains(words[i].Text) && IsLiteral(words[i + 1].Text))
                        yield return At(compose.DisplayPath, words[i].Line, $"service '{service.Name}' passes a credential with {words[i].Text} on its {part}");
            }
        }
        foreach (var v in CredentialValues(compose.DisplayPath, compose.Root))
            yield return v;
    }

    private IEnumerable<Violation> CheckTree(string file, YamlNode? root)
    {
        foreach (var (key, keyNode, value) in Yml.Walk(root))
            if (IsSecretKey(key) && value is YamlScalarNode scalar && IsLiteral(scalar.Value))
                yield return At(file, Yml.Line(keyNode), $"'{key}' holds a literal value; credentials do not belong in the repository");
        foreach (var v in CredentialValues(file, root))
            yield return v;
    }

    private IEnumerable<Violation> CheckDockerfile(string file, Dockerfile dockerfile)
    {
        foreach (var instruction in dockerfile.Instructions.Where(i => i.Keyword is "ENV" or "ARG" or "LABEL"))
        {
            foreach (var (key, value) in Dockerfile.ParseLabels(instruction.Arguments))
                if (IsSecretKey(key) && IsLiteral(value))
                    yield return At(file, instruction.Line, $"{instruction.Keyword} '{key}' holds a literal value; credentials do not belong in an image");
            if (CredentialValue().IsMatch(instruction.Arguments))
                yield return At(file, instruction.Line, $"{instruction.Keyword} contains a credential-shaped value");
        }
    }

    private IEnumerable<Violation> CredentialValues(string file, YamlNode? root)
    {
        foreach (var scalar in Scalars(root).Where(s => s.Value is not null && CredentialValue().IsMatch(s.Value)))
            yield return At(file, Yml.Line(scalar), "value looks like a credential (URL user:password@, private key, access token)");
    }

    private static IEnumerable<YamlScalarNode> Scalars(YamlNode? node) => node switch
    {
        YamlScalarNode s => [s],
        YamlSequenceNode seq => seq.Children.SelectMany(Scalars),
        YamlMappingNode map => map.Children.Values.SelectMany(Scalars),
        _ => [],
    };

    /// <summary>KEY/value pairs of a Compose mapping or KEY=VALUE list (environment, args, labels).</summary>
    private static IEnumerable<(string Key, string? Value, int Line)> Pairs(YamlNode? node)
    {
        foreach (var (key, keyNode, value) in Yml.Entries(node))
            yield return (key, Yml.Text(value), Yml.Line(keyNode));
        foreach (var item in Yml.Items(node))
        {
            var text = Yml.Text(item) ?? "";
            var eq = text.IndexOf('=');
            yield return eq < 0 ? (text, null, Yml.Line(item)) : (text[..eq], text[(eq + 1)..], Yml.Line(item));
        }
    }

    private static List<(string Text, int Line)> Words(YamlNode? node) => node switch
    {
        YamlSequenceNode seq => [.. seq.Children.OfType<YamlScalarNode>().SelectMany(s => ShellWords.Split(s.Value ?? "").Select(w => (w, Yml.Line(s))))],
        YamlScalarNode s => [.. ShellWords.Split(s.Value ?? "").Select(w => (w, Yml.Line(s)))],
        _ => [],
    };
}
