using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Arc.Platform.Drivers.Native;

namespace Arc.Platform.Tests.Drivers.Native;

/// <summary>
/// The runtime half of "loopback only": whatever flags reach a server (here, a compose file tampered
/// in a temporary copy of the repo), `up` reads the sockets of what it started and stops a service
/// that listens anywhere else, naming the socket.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LoopbackEnforcementTests
{
    public static TheoryData<string> OffLoopbackHosts()
    {
        var hosts = new TheoryData<string> { "0.0.0.0", "[::]" };
        var external = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (external is not null)
            hosts.Add(external.ToString());
        return hosts;
    }

    [NativeTheory]
    [MemberData(nameof(OffLoopbackHosts))]
    public async Task A_server_made_to_listen_off_loopback_is_stopped_and_the_socket_named(string host)
    {
        var clusterPort = FreePorts.Next();
        await using var stack = NativeStack.Create(repo => repo.Replace("services/messaging/docker-compose.yml",
            "command: [\"--config\", \"/etc/nats/jetstream.conf\", \"--jetstream\", ",
            $"command: [\"--cluster\", \"nats://{host}:{clusterPort}\", \"--cluster_name\", \"tampered\", "));

        var run = await stack.ArcAsync("up", "flash", "--driver", "native", "--timeout", "30");

        Assert.Equal(1, run.ExitCode);
        // Go listens on "every address" with one dual-stack socket, which the kernel lists as [::].
        var shown = host == "0.0.0.0" ? new[] { "0.0.0.0", "[::]" } : [host];
        Assert.True(shown.Any(h => (run.Out + run.Err).Contains($"listens on {h}:{clusterPort}", StringComparison.Ordinal)), run.Out + run.Err);
        Assert.Contains("off loopback", run.Out + run.Err);
        Assert.Null(stack.Driver.LiveRecord("flash"));
        Assert.False(PortCheck.IsAnswering(stack.Service("flash").Port("client").Host));
    }

    [NativeTheory]
    [InlineData("0100007F:1092", "127.0.0.1:4242")]
    [InlineData("00000000:1F90", "0.0.0.0:8080")]
    [InlineData("0200A8C0:0050", "192.168.0.2:80")]
    [InlineData("00000000000000000000000001000000:1092", "[::1]:4242")]
    [InlineData("00000000000000000000000000000000:1092", "[::]:4242")]
    [InlineData("0000000000000000FFFF00000100007F:1092", "127.0.0.1:4242")]
    public void Proc_net_tcp_addresses_are_read_as_the_kernel_writes_them(string local, string expected)
    {
        Assert.Equal(expected, Arc.Platform.Drivers.Native.ListeningSockets.Parse(local)!.ToString());
    }

    [NativeTheory]
    [InlineData("")]
    [InlineData("zz:zz")]
    [InlineData("0100007F")]
    [InlineData("0100:0050")]
    public void A_malformed_proc_net_tcp_address_is_skipped(string local)
    {
        Assert.Null(Arc.Platform.Drivers.Native.ListeningSockets.Parse(local));
    }
}
