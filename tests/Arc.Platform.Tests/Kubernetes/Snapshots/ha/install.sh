#!/bin/sh
# arc-platform on Kubernetes through the official charts (profile ha), written by `arc k8s render`.
# Needs helm and kubectl pointed at the cluster. NAMESPACE (default arc) is where everything goes;
# `arc env --network kubernetes --namespace NS` prints the addresses clients use there.
# NOTE arc-cache: the valkey chart 0.11 has no automatic failover: when the primary's pod fails, writes stop until Kubernetes restarts it (replicas keep serving reads)
set -eu
cd "$(dirname "$0")"
NAMESPACE="${NAMESPACE:-arc}"

helm repo add valkey https://valkey.io/valkey-helm/ --force-update
helm repo add nats https://nats-io.github.io/k8s/helm/charts/ --force-update
helm repo add apachepulsar https://pulsar.apache.org/charts --force-update
helm repo update

helm upgrade --install arc-cache valkey/valkey --version 0.11.0 --namespace "$NAMESPACE" --create-namespace -f arc-cache/values.yaml --wait --timeout 15m

helm upgrade --install arc-messaging nats/nats --version 2.14.2 --namespace "$NAMESPACE" --create-namespace -f arc-messaging/values.yaml --wait --timeout 15m

helm upgrade --install arc-messaging-nack nats/nack --version 0.34.0 --namespace "$NAMESPACE" --create-namespace -f arc-messaging-nack/values.yaml --wait --timeout 15m
kubectl apply --namespace "$NAMESPACE" -f arc-messaging-nack/streams.yaml

helm upgrade --install arc-streaming apachepulsar/pulsar --version 4.7.0 --namespace "$NAMESPACE" --create-namespace -f arc-streaming/values.yaml --wait --timeout 15m
kubectl delete --namespace "$NAMESPACE" --ignore-not-found job/arc-streaming-topics
kubectl apply --namespace "$NAMESPACE" -f arc-streaming/topics-job.yaml
