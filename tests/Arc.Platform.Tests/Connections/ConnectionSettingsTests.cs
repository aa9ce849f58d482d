using Arc.Platform.Connections;
using Arc.Platform.Consumers;

namespace Arc.Platform.Tests.Connections;

[Trait("Tier", "unit")]
public sealed class ConnectionSettingsTests
{
    private static readonly IReadOnlyList<Consumer> Consumers = ConsumersFile.Parse("""
        consumers:
          cortex:
            source: config.go
            settings:
              CORTEX_BOOTSTRAP_NATS_URL: {service: flash, value: url}
              CORTEX_BOOTSTRAP_PULSAR_ADMIN_URL: {service: strange, value: admin_url}
              CORTEX_BOOTSTRAP_REDIS_HOST: {service: sonic, value: host}
              CORTEX_BOOTSTRAP_REDIS_PORT: {service: sonic, value: port}
              CORTEX_BOOTSTRAP_REDIS_PASSWORD: {service: sonic, value: password}
              CORTEX_BOOTSTRAP_PULSAR_TENANT: {service: strange, value: literal, literal: arc-system}
        """, TechnologyFacts.Catalog.ConsumerSections);

    private static readonly IReadOnlyList<Arc.Platform.Registry.ServiceDefinition> Services =
        [SampleServices.Nats(14222, 18222), SampleServices.Redis(16379), SampleServices.Pulsar(16650, 18082)];

    [Fact]
    public void The_host_view_uses_loopback_and_host_ports_under_every_name()
    {
        var variables = ConnectionSettings.Variables(Services, TechnologyFacts.ConnectionOf, Consumers, NetworkView.Host).ToDictionary(v => v.Name, v => v.Value);

        Assert.Equal("nats://127.0.0.1:14222", variables["NATS_URL"]);
        Assert.Equal("redis://127.0.0.1:16379", variables["REDIS_URL"]);
        Assert.Equal("pulsar://127.0.0.1:16650", variables["PULSAR_SERVICE_URL"]);
        Assert.Equal("http://127.0.0.1:18082", variables["PULSAR_ADMIN_URL"]);
        Assert.Equal("nats://127.0.0.1:14222", variables["ConnectionStrings__flash"]);
        Assert.Equal("127.0.0.1:16379", variables["ConnectionStrings__sonic"]);
        Assert.Equal("http://127.0.0.1:18082", variables["CORTEX_BOOTSTRAP_PULSAR_ADMIN_URL"]);
        Assert.Equal(("127.0.0.1", "16379"), (variables["CORTEX_BOOTSTRAP_REDIS_HOST"], variables["CORTEX_BOOTSTRAP_REDIS_PORT"]));
        Assert.Equal("arc-system", variables["CORTEX_BOOTSTRAP_PULSAR_TENANT"]);
        Assert.DoesNotContain("CORTEX_BOOTSTRAP_REDIS_PASSWORD", variables.Keys);
    }

    [Fact]
    public void The_platform_view_uses_container_names_and_container_ports()
    {
        var variables = ConnectionSettings.Variables(Services, TechnologyFacts.ConnectionOf, Consumers, Arc.Platform.Drivers.Docker.DockerRegistration.Platform).ToDictionary(v => v.Name, v => v.Value);

        Assert.Equal("nats://arc-messaging:4222", variables["NATS_URL"]);
        Assert.Equal("arc-cache:6379", variables["ConnectionStrings__sonic"]);
        Assert.Equal("http://arc-streaming:8080", variables["PULSAR_ADMIN_URL"]);
        Assert.Equal("6379", variables["CORTEX_BOOTSTRAP_REDIS_PORT"]);
    }

    [Fact]
    public void Settings_of_unselected_services_are_not_printed()
    {
        var variables = ConnectionSettings.Variables([Services[0]], TechnologyFacts.ConnectionOf, Consumers, NetworkView.Host).Select(v => v.Name);

        Assert.Equal(["NATS_URL", "ConnectionStrings__flash", "CORTEX_BOOTSTRAP_NATS_URL"], variables);
    }

    [Fact]
    public void A_technology_brings_its_own_client_names_and_nothing_else_needs_to_know_it()
    {
        var kafka = new Arc.Platform.Technologies.ClientConnection("client", "kafka", "KAFKA_URL") { DotnetTakesUrl = false };

        var variables = ConnectionSettings.Variables([Services[0]], _ => kafka, [], NetworkView.Host).ToDictionary(v => v.Name, v => v.Value);

        Assert.Equal(new Dictionary<string, string>
        {
            ["KAFKA_URL"] = "kafka://127.0.0.1:14222",
            ["ConnectionStrings__flash"] = "127.0.0.1:14222",
        }, variables);
    }

    [Fact]
    public void A_port_the_connection_needs_but_the_service_does_not_declare_is_named()
    {
        var pulsar = TechnologyFacts.ConnectionOf(Services[2]);

        Assert.Equal("flash declares no 'broker' port", ServiceEndpoints.Refusal(Services[0], pulsar, SettingValue.Url));
        Assert.Null(ServiceEndpoints.Refusal(Services[1], TechnologyFacts.ConnectionOf(Services[1]), SettingValue.Password));
    }
}
