using Arc.Platform.Drivers.Native;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Redis;
using Arc.Platform.Tests.TestKit;
using Xunit;

namespace Arc.Platform.Tests.Drivers.Native;

/// <summary>The native driver's planner: a technology's launch facts when it declares them, else a skip with a remedy.</summary>
[Trait("Tier", "unit")]
public class NativeLaunchPlannerTests
{
    [Fact]
    public void A_technology_without_launch_facts_gets_a_missing_plan_saying_it_cannot_run_locally()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.RedisCompose, temp);
        var technology = new FakeTechnology(new CallLog());

        var plan = NativeLaunchPlanner.Plan(technology, SampleServices.Redis(16379), compose, new NativeLaunchContext("/d", "/l"));

        Assert.Equal("fake cannot run as a local process", plan.MissingRuntimeRemedy);
        Assert.Equal("", plan.Executable);
        Assert.Empty(plan.Arguments);
        Assert.Empty(plan.Sidecars);
    }

    [Fact]
    public async Task A_technology_with_launch_facts_gets_exactly_the_plan_its_facts_give()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.RedisCompose, temp);
        var service = SampleServices.Redis(16379);
        var context = new NativeLaunchContext("/var/arc/sonic", "/l") { Locate = name => $"/usr/bin/{name}" };
        await using var technology = new RedisTechnology();

        var plan = NativeLaunchPlanner.Plan(technology, service, compose, context);
        var direct = NativeLaunchPlanner.Plan(technology.LaunchFactsOf(service, compose), service, compose, context);

        Assert.Null(plan.MissingRuntimeRemedy);
        Assert.Equal("/usr/bin/redis-server", plan.Executable);
        Assert.Equal(direct.Arguments, plan.Arguments);
        Assert.Equal(direct.Sidecars.Select(s => s.Executable), plan.Sidecars.Select(s => s.Executable));
    }
}
