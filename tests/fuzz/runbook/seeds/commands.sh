kubectl get pods -o name | xargs -r kubectl delete
sudo -u postgres psql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle'"
curl -sXPOST -H 'Authorization: Bearer $TOKEN' http://x/reset > /tmp/out.txt 2>&1
find /var/log -name '*.gz' -mtime +7 -exec /bin/rm {} \;
watch -n 5 'kubectl get pods | tee pods.txt'
bash -c "awk 'BEGIN { system(\"rm -rf /tmp/x\") }'"
env X=1 timeout 10 nice -n 5 ssh -t bastion 'kubectl exec -it redis-0 -- redis-cli FLUSHALL'
aws --region eu-west-1 rds reboot-db-instance --db-instance-identifier db1
gcloud compute ssh vm-1 --command='sudo systemctl restart nginx'
kubectl exec -i postgres-0 -- psql <<'SQL'
DELETE FROM jobs WHERE state = 'failed';
SQL
for p in $(kubectl get pods -o name); do kubectl logs "$p" --tail=5 | grep -i error; done
cat <<EOF | kubectl apply -f -
token: ${TOKEN:-$(vault kv get -field=token secret/x)}
EOF
docker run --rm --entrypoint sh alpine -c 'echo $((1+2)) >> /data/x'
