package org.journeyplatform.api.security;

import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Stamps every command with the staff member who sent it ({@code actor} metadata), taken from the authenticated
 * user; Axon copies it onto the events the command causes. A command that already names an actor (the demo-data
 * loader, a scheduled job) keeps it.
 */
@Component
public class ActorMetaDataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (command.getMetaData().containsKey(MetaDataKeys.ACTOR)) {
                return command;
            }
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            String actor = authentication == null ? "system" : authentication.getName();
            return command.andMetaData(java.util.Map.of(MetaDataKeys.ACTOR, actor));
        };
    }
}
