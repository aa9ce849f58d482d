using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arc.Platform.Connections;

namespace Arc.Cli.Rendering;

internal enum EnvFormatKind { Shell, Dotenv, Json }

/// <summary>
/// `arc env`'s three renderings of the library's <see cref="EnvSettings"/>. Shell output is safe to
/// <c>eval</c> in bash and POSIX sh: every value single-quoted (a quote inside becomes <c>'\''</c>),
/// every name checked; comment lines say what was left out, why, and what would run it.
/// </summary>
internal static partial class EnvFormat
{
    public static string Render(EnvSettings settings, EnvFormatKind kind) => kind switch
    {
        EnvFormatKind.Json => Json(settings),
        _ => Lines(settings, kind == EnvFormatKind.Shell ? Shell : Dotenv),
    };

    private static string Lines(EnvSettings settings, Func<EnvVariable, string> line)
    {
        var text = new StringBuilder();
        text.Append($"# arc env: {settings.Network.Header}\n");
        foreach (var omitted in settings.Omitted)
            text.Append($"# {omitted.Codename}: {omitted.Status} — {OneLine(Reason(omitted))}\n");
        foreach (var stopped in settings.Stopped)
            text.Append($"# {stopped.Codename}: {stopped.Status} — {OneLine(stopped.Reason)}\n");
        foreach (var codename in settings.Insecure)
            text.Append($"# {codename}: {Arc.Platform.Secrets.UpCredentials.InsecureLabel}\n");
        foreach (var group in settings.Variables.GroupBy(v => v.Group))
        {
            text.Append($"# {group.Key}\n");
            foreach (var variable in group)
                text.Append(line(variable)).Append('\n');
        }
        return text.ToString();
    }

    private static string Shell(EnvVariable variable) => $"export {Checked(variable.Name)}={SingleQuoted(variable.Value)}";

    /// <summary>
    /// KEY=value, the form docker compose's env_file and most dotenv readers take; quoted only when needed, and then in
    /// single quotes, which every dotenv reader and `set -a; . file` take literally: no $, backtick or backslash is expanded.
    /// </summary>
    private static string Dotenv(EnvVariable variable) =>
        $"{Checked(variable.Name)}={(PlainValue().IsMatch(variable.Value) ? variable.Value : SingleQuoted(variable.Value))}";

    private static string SingleQuoted(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Reason(EnvOmission omitted) => RemedyText.After(omitted.Reason, omitted.Remedy);

    /// <summary>A comment must stay one line, or the rest would be evaluated.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Checked(string name) =>
        VariableName().IsMatch(name) ? name : throw new InvalidOperationException($"'{name}' is not an environment variable name");

    private static string Json(EnvSettings settings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("network", settings.Network.Name);
            json.WriteStartObject("variables");
            foreach (var variable in settings.Variables)
                json.WriteString(variable.Name, variable.Value);
            json.WriteEndObject();
            json.WriteStartArray("insecure");
            foreach (var codename in settings.Insecure)
                json.WriteStringValue(codename);
            json.WriteEndArray();
            json.WriteStartArray("groups");
            foreach (var group in settings.Variables.GroupBy(v => v.Group))
            {
                json.WriteStartObject();
                json.WriteString("group", group.Key);
                json.WriteStartArray("names");
                foreach (var variable in group)
                    json.WriteStringValue(variable.Name);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("omitted");
            foreach (var omitted in settings.Omitted)
            {
                json.WriteStartObject();
                json.WriteString("codename", omitted.Codename);
                json.WriteString("status", omitted.Status);
                json.WriteString("reason", Reason(omitted));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("stopped");
            foreach (var stopped in settings.Stopped)
            {
                json.WriteStartObject();
                json.WriteString("codename", stopped.Codename);
                json.WriteString("status", stopped.Status);
                json.WriteString("reason", stopped.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex("^[A-Za-z0-9_./:@,+-]*$")]
    private static partial Regex PlainValue();
}
