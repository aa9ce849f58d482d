using System.Net.Sockets;
using System.Text;

namespace Arc.Platform.Tests.TestKit;

/// <summary>Structurally hostile YAML and non-regular files, shared by the loader tests and the property suites.</summary>
public static class HostileYaml
{
    /// <summary><c>key: [[[ … ]]]</c> nested <paramref name="depth"/> levels in flow style.</summary>
    public static string DeepFlow(int depth, string key = "value") => $"{key}: {new string('[', depth)}{new string(']', depth)}\n";

    /// <summary>Mappings nested <paramref name="depth"/> levels in block style, one level per line.</summary>
    public static string DeepBlock(int depth)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
            text.Append(' ', i).Append("k:\n");
        return text.ToString();
    }

    /// <summary>The "billion laughs": <paramref name="levels"/> anchors, each a list of nine aliases of the one before (under 500 bytes at 9 levels, 387 million nodes expanded).</summary>
    public static string AliasBomb(int levels = 9)
    {
        var text = new StringBuilder("a0: &a0 [lol]\n");
        for (var i = 1; i < levels; i++)
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        text.Append($"bomb: *a{levels - 1}\n");
        return text.ToString();
    }

    /// <summary>An alias inside the node it names: a cycle in the representation model.</summary>
    public const string RecursiveAlias = "loop: &a [x, *a]\n";

    public const string UndefinedAlias = "value: *nowhere\n";

    public static string HugeScalar(int length) => $"value: {new string('x', length)}\n";

    /// <summary>UTF-8 text with one invalid byte (0xFF) at line 2, column 8.</summary>
    public static byte[] InvalidUtf8 => [.. "name: ok\nvalue: a"u8, 0xFF, .. "b\n"u8];

    public static void MakeFifo(string path)
    {
        var mkfifo = KitProcess.Run("mkfifo", path);
        Assert.True(mkfifo.ExitCode == 0, mkfifo.Text);
    }

    /// <summary>A listening Unix socket at <paramref name="path"/>; dispose it to close.</summary>
    public static Socket MakeSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen();
        return socket;
    }
}
