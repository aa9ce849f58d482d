using Arc.Platform.Composition;
using Arc.Platform.Connections;
using Arc.Platform.Drivers;

namespace Arc.Platform.Tests.Drivers;

/// <summary>
/// `--driver` over a list of registered drivers: a third driver (here a fake "kube" with an engine) is one more
/// registration, and auto, the named choices, images, record stops and the help all follow the list.
/// </summary>
[Trait("Tier", "unit")]
public sealed class DriverSelectionTests
{
    private readonly CallLog _log = new();

    private static DriverRegistration Engine(IServiceDriver driver, bool answers, string unanswered = "") =>
        new(driver) { Answers = _ => Task.FromResult(answers), Unanswered = unanswered };

    [Fact]
    public async Task Auto_starts_with_the_first_registered_engine_that_answers_and_falls_back_to_the_driver_needing_none()
    {
        var native = new FakeDriver(_log);
        var docker = new FakeDriver(_log, "docker");
        var kube = new FakeDriver(_log, "kube");

        var dockerSilent = new DriverSelection([new(native), Engine(docker, answers: false), Engine(kube, answers: true)]);
        var bothSilent = new DriverSelection([new(native), Engine(docker, answers: false), Engine(kube, answers: false)]);
        var bothAnswer = new DriverSelection([new(native), Engine(docker, answers: true), Engine(kube, answers: true)]);

        Assert.Same(kube, await dockerSilent.ForStartAsync(DriverChoice.Auto, CancellationToken.None));
        Assert.Same(native, await bothSilent.ForStartAsync(DriverChoice.Auto, CancellationToken.None));
        Assert.Same(docker, await bothAnswer.ForStartAsync(DriverChoice.Auto, CancellationToken.None));
        Assert.Same(kube, await bothAnswer.ForStartAsync(new DriverChoice("kube"), CancellationToken.None));
    }

    [Fact]
    public async Task Under_auto_a_service_the_driver_needing_no_engine_runs_stays_with_it_even_when_an_engine_answers()
    {
        using var stack = FakeStack.Of("a", "b");
        var kube = new FakeDriver(stack.Log, "kube");
        stack.Driver.AlreadyRunning("a");
        var selection = new DriverSelection([new(stack.Driver), Engine(kube, answers: true)]);

        Assert.Same(stack.Driver, await selection.ForExistingAsync(stack.Registry.Service("a"), DriverChoice.Auto, CancellationToken.None));
        Assert.Same(kube, await selection.ForExistingAsync(stack.Registry.Service("b"), DriverChoice.Auto, CancellationToken.None));
    }

    [Fact]
    public async Task A_named_engine_that_does_not_answer_says_its_own_words_and_an_unregistered_name_says_the_build_has_none()
    {
        var native = new FakeDriver(_log);
        var selection = new DriverSelection([new(native), Engine(new FakeDriver(_log, "kube"), answers: false, "no cluster answers")]);

        var silent = await Assert.ThrowsAsync<DriverException>(() => selection.ForStartAsync(new DriverChoice("kube"), CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<DriverException>(() => selection.ForStartAsync(new DriverChoice("podman"), CancellationToken.None));

        Assert.Equal("no cluster answers", silent.Message);
        Assert.Equal(new DriverAlternative(new DriverChoice("kube"), DriverChoice.Native), silent.Unavailable);
        Assert.Equal("this build of arc has no podman driver", unknown.Message);
        Assert.Equal(new DriverAlternative(new DriverChoice("podman"), DriverChoice.Native), unknown.Unavailable);
    }

    [Fact]
    public async Task Each_engine_is_asked_once_per_invocation()
    {
        var asked = 0;
        var kube = new DriverRegistration(new FakeDriver(_log, "kube")) { Answers = _ => Task.FromResult(++asked > 0) };
        var selection = new DriverSelection([new(new FakeDriver(_log)), kube]);

        await selection.ForStartAsync(DriverChoice.Auto, CancellationToken.None);
        await selection.ForStartAsync(new DriverChoice("kube"), CancellationToken.None);

        Assert.Equal(1, asked);
    }

    [Fact]
    public async Task Images_come_from_the_registered_driver_that_declares_them_and_a_build_without_one_is_refused()
    {
        var selection = DriverSelection.Only(new FakeDriver(_log));

        var error = await Assert.ThrowsAsync<DriverException>(() => selection.ForImagesAsync(CancellationToken.None));

        Assert.Equal("this build of arc has no driver that builds images", error.Message);
    }

    [Fact]
    public void A_selection_needs_a_driver_that_needs_no_engine()
    {
        var error = Assert.Throws<ArgumentException>(() => new DriverSelection([Engine(new FakeDriver(_log, "kube"), answers: true)]));

        Assert.Contains("at least one driver must need no engine", error.Message);
    }

    [Fact]
    public void The_driver_help_and_words_read_the_registered_list_and_a_third_driver_appears_in_both()
    {
        var kube = new DriverEntry("kube", "kube where a cluster answers", _ => throw new InvalidOperationException("not built here"));

        Assert.Equal("auto (docker where an engine answers, else native), native or docker", DriverCatalog.Help(DriverCatalog.All));
        Assert.Equal(["auto", "native", "docker"], DriverCatalog.Words(DriverCatalog.All));
        Assert.Equal("auto (docker where an engine answers, else kube where a cluster answers, else native), native, docker or kube",
            DriverCatalog.Help([.. DriverCatalog.All, kube]));
        Assert.Equal(["auto", "native", "docker", "kube"], DriverCatalog.Words([.. DriverCatalog.All, kube]));
    }

    [Fact]
    public void The_network_views_are_those_the_drivers_declare_then_kubernetes_and_a_driver_declaring_one_more_adds_it_to_help_and_refusal()
    {
        var views = DriverCatalog.NetworkViews(DriverCatalog.All);
        var mesh = new NetworkView("mesh", "sidecars in the mesh", "mesh names", "mesh view", OnHost: false);
        var meshDriver = new DriverEntry("kube", "kube where a cluster answers", _ => throw new InvalidOperationException("not built here"))
        {
            NetworkViews = [NetworkView.Host, mesh],
        };
        var more = DriverCatalog.NetworkViews([.. DriverCatalog.All, meshDriver]);

        Assert.Equal(["host", "platform", "kubernetes"], views.Select(v => v.Name));
        Assert.Equal("host: 127.0.0.1 and host ports; platform: container names and ports on arc_platform_net; kubernetes: the charts' Services in --namespace",
            NetworkView.HelpOf(views));
        Assert.Equal("--network x: must be host (this machine), platform (containers on arc_platform_net) or kubernetes (pods in the cluster)",
            NetworkView.RefusalOf("x", views));
        Assert.Equal(["host", "platform", "mesh", "kubernetes"], more.Select(v => v.Name));
        Assert.Contains("mesh (sidecars in the mesh) or kubernetes", NetworkView.RefusalOf("x", more));
    }
}
