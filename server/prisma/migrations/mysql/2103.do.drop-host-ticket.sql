-- JS-SDK tickets live with the other host credentials (HostToken, through WecomClient.cached).
DROP TABLE `HostTicket`;
