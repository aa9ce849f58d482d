using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Tests.Kubernetes;

/// <summary>
/// A CustomResourceDefinition version's openAPIV3Schema as a JSON Schema (JsonSchema.Net) that refuses
/// fields the schema does not declare: the API server would prune them silently, so a misspelt key
/// would be lost without a word.
/// </summary>
public static class CrdSchema
{

    /// <summary>The schema of <c>spec</c> for <paramref name="version"/> in the CRD file <paramref name="path"/>.</summary>
    public static JsonSchema SpecOf(string path, string version)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        var versions = (YamlSequenceNode)Map(stream.Documents[0].RootNode, "spec", "versions");
        var entry = versions.Children.Single(v => ((YamlScalarNode)Map(v, "name")).Value == version);
        var spec = (JsonObject)ToJson(Map(entry, "schema", "openAPIV3Schema", "properties", "spec"))!;
        Close(spec);
        return JsonSchema.FromText(spec.ToJsonString());
    }

    /// <summary>YAML as JSON: plain scalars that read as numbers or booleans become those, quoted ones stay strings.</summary>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(e => KeyValuePair.Create(((YamlScalarNode)e.Key).Value!, ToJson(e.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(text);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return JsonValue.Create(number);
        return text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" or "~" or "" => null,
            _ => JsonValue.Create(text),
        };
    }

    private static YamlNode Map(YamlNode node, params string[] keys) =>
        keys.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    /// <summary>Every object schema with declared properties and no word on others refuses others.</summary>
    private static void Close(JsonNode? node)
    {
        if (node is JsonObject schema)
        {
            if (schema.ContainsKey("properties") && !schema.ContainsKey("additionalProperties") && !schema.ContainsKey("x-kubernetes-preserve-unknown-fields"))
                schema["additionalProperties"] = false;
            foreach (var (_, child) in schema.ToList())
                Close(child);
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
                Close(child);
        }
    }
}
