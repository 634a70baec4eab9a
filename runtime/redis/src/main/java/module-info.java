/**
 * Redis adapters of the runtime: {@link io.github.livetemplate.redis.RedisBroadcaster} carries
 * server push across instances and {@link io.github.livetemplate.redis.RedisSessionStore} keeps
 * persisted state, both on Jedis.
 */
module io.github.livetemplate.redis {
    requires transitive io.github.livetemplate.runtime;
    requires transitive redis.clients.jedis;
    requires org.apache.commons.pool2;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.github.livetemplate.redis;
}
