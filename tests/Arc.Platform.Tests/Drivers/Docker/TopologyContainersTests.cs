using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Docker;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Tests.TestKit;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Tests.Drivers.Docker;

/// <summary>
/// The docker driver's topology members without an engine: the compose file generated from the native plan, the
/// container names, and the refusals that fire before any engine is asked.
/// </summary>
[Trait("Tier", "unit")]
public sealed class TopologyContainersTests
{
    private static readonly ServiceRegistry Real = ServiceRegistry.Load(TempRepo.RealRoot);

    private static ServiceDefinition Member(string codename) =>
        HaTopology.Members(Real.Service(codename.Split('-')[0])).Single(m => m.Codename == codename);

    private static NativeLaunchPlan Plan(int restartDelay) =>
        new("/usr/bin/redis-server", ["/x/.arc/data/sonic-1/redis.conf", "--logfile", "", "--odd", "a \"quoted\" 'value'"], new Dictionary<string, string>(), null, [])
        { FirstRestartDelaySeconds = restartDelay };

    [Fact]
    public void A_member_s_compose_file_runs_the_native_plan_s_command_line_on_the_host_network_with_its_data_at_the_same_path()
    {
        var member = Member("sonic-1");
        var text = MemberComposeFile.Render(member, "arc-cache-1", Plan(13), "/x/.arc/data/sonic-1", "999:1000");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var service = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"])["sonic-1"];

        Assert.Equal(Plan(13).Arguments, ((YamlSequenceNode)service["command"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Equal("host", ((YamlScalarNode)service["network_mode"]).Value);
        Assert.Equal("arc-cache-1", ((YamlScalarNode)service["container_name"]).Value);
        Assert.Equal("999:1000", ((YamlScalarNode)service["user"]).Value);
        Assert.Equal(member.Image, ((YamlScalarNode)service["image"]).Value);
        Assert.Equal("/x/.arc/data/sonic-1:/x/.arc/data/sonic-1", ((YamlScalarNode)((YamlSequenceNode)service["volumes"]).Children.Single()).Value);
        Assert.False(service.Children.ContainsKey("ports"));
        Assert.False(service.Children.ContainsKey("environment"));
    }

    [Fact]
    public void The_engine_restarts_a_member_only_where_its_plan_allows_an_immediate_restart()
    {
        Assert.Equal("\"no\"", MemberComposeFile.RestartPolicy(Plan(13)));
        Assert.Equal("unless-stopped", MemberComposeFile.RestartPolicy(Plan(1)));
        Assert.Contains("restart: \"no\"", MemberComposeFile.Render(Member("sonic-1"), "c", Plan(13), "/d", "1:1"));
    }

    [Fact]
    public void Each_member_has_a_container_named_after_its_service_s_container()
    {
        Assert.Equal("arc-messaging-2", TopologyContainers.ContainerOf(Member("flash-2")));
        Assert.Equal("arc-cache-3", TopologyContainers.ContainerOf(Member("sonic-3")));
        Assert.Equal("arc-cache-sentinel-1", TopologyContainers.ContainerOf(Member("sonic-sentinel-1")));
    }

    [Fact]
    public void A_container_on_the_host_network_publishes_no_ports_and_still_parses()
    {
        var state = ContainerState.Parse("/arc-cache-2\t0123456789abcdef\trunning\tnone\t999:1000");

        Assert.NotNull(state);
        Assert.Equal("arc-cache-2", state.Name);
        Assert.Empty(state.Ports);
        Assert.Null(ContainerState.Parse("/arc-cache-2\t0123456789abcdef\trunning\tnone"));
    }

    [Fact]
    public void A_plan_for_an_image_takes_the_executable_the_driver_locates_not_the_host_s()
    {
        var member = Member("sonic-sentinel-1");
        var compose = Arc.Platform.Compose.ComposeFile.Load(member.ComposeFile, "services/cache/docker-compose.yml").Service(member.Name)!;
        var context = new NativeLaunchContext("/d", "/l") { Locate = name => "/image/" + name };

        Assert.Equal("/image/redis-server", NativeLaunchPlanner.Plan(new Arc.Platform.Technologies.Redis.RedisTechnology(), member, compose, context).Executable);
        Assert.Equal("/image/redis-server", NativeLaunchPlanner.Plan(new Arc.Platform.Technologies.Redis.RedisTechnology(), Member("sonic-2"), compose, context).Executable);
        var flash = Member("flash-1");
        var natsCompose = Arc.Platform.Compose.ComposeFile.Load(flash.ComposeFile, "services/messaging/docker-compose.yml").Service(flash.Name)!;
        Assert.Equal("/image/nats-server", NativeLaunchPlanner.Plan(new Arc.Platform.Technologies.Nats.NatsTechnology(), flash, natsCompose, context).Executable);
    }

    [Fact]
    public async Task A_member_whose_port_another_process_holds_is_refused_before_its_state_is_prepared()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        await using var technologies = TechnologyCatalog.CreateDefault();
        var planner = new Arc.Platform.Drivers.Native.NativeDriver(repo.Root, technologies.For);
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var held = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        var member = HaTopology.Members(ServiceRegistry.Load(repo.Root).Service("flash"))[0];
        member = member with { Ports = [.. member.Ports.Select(p => p with { Host = p.Name == "client" ? held : FreePorts.Next() })] };

        var error = Assert.Throws<DriverException>(() => planner.PrepareElsewhere(member));

        Assert.StartsWith($"flash-1: port {held} (client) on 127.0.0.1 is already in use", error.Message);
        Assert.False(Directory.Exists(planner.Paths.DataDirectory("flash-1")));
    }

    [Fact]
    public async Task A_docker_driver_without_technologies_runs_no_member_and_declares_no_topology_state()
    {
        using var directory = new TempDirectory();
        var driver = new DockerDriver(directory.Path, new DockerDriverOptions(Docker: "false"));

        var error = await Assert.ThrowsAsync<DriverException>(() => driver.StartAsync(Member("flash-1"), CancellationToken.None));

        Assert.Equal("flash-1: this docker driver runs no highly available topology", error.Message);
        Assert.Null(driver.Capabilities.KeepsStateFor);
    }

    [Fact]
    public async Task A_member_whose_image_is_missing_and_cannot_be_built_is_refused_by_name()
    {
        using var directory = new TempDirectory();
        await using var technologies = TechnologyCatalog.CreateDefault();
        var driver = new DockerDriver(directory.Path, new DockerDriverOptions(Docker: "false"), technologies.For);
        var member = Member("flash-1") with { Directory = directory.Path };

        var error = await Assert.ThrowsAsync<DriverException>(() => driver.StartAsync(member, CancellationToken.None));

        Assert.StartsWith($"flash-1: no image {member.Image} and no compose file", error.Message);
        Assert.False(driver.Capabilities.KeepsStateFor!("flash-1"));
        Assert.False(File.Exists(Path.Combine(directory.Path, ".arc", "docker-ha", "flash-1.yml")));
    }
}
